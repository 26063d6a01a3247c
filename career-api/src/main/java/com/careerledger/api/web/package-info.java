/**
 * The HTTP edge: strict JSON reading, request limits (body size, query text), and the answer to every failure
 * (`ProblemHandler`, the error path, Tomcat's error report valve).
 */
package com.careerledger.api.web;
