package com.careerledger.api.web;

import com.careerledger.api.error.Problems;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's last word on a failed request, for the failures that never reach the application: a request line Tomcat
 * itself refuses (an encoded NUL or slash in the path, say) is answered as problem+json too, never as Tomcat's HTML
 * error page. Replaces the host's {@link ErrorReportValve} (see {@link WebConfiguration}).
 */
public class ProblemReportValve extends ErrorReportValve {

    public ProblemReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own: only errors, only once, only if nothing was written and the client can still read
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemDetail problem = Problems.forStatus(HttpStatusCode.valueOf(status));
        try {
            Problems.head(response, problem);
            // the writer Tomcat keeps for error reports: it works whatever the application did with the response
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.json(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone, or the response was already on its way: nothing more to say
        }
    }
}
