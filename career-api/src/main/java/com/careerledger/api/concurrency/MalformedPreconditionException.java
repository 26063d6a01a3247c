package com.careerledger.api.concurrency;

/** A conditional or retry header that cannot be understood: answered 400, naming the header. */
public class MalformedPreconditionException extends RuntimeException {

    private final String header;

    public MalformedPreconditionException(String header, String message) {
        super(message);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
