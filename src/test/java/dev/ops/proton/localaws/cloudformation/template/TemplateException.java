package dev.ops.proton.localaws.cloudformation.template;

/** A template or parameter error, worded as CloudFormation words it (returned as a ValidationError). */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message, null, false, false);
    }

    public static TemplateException format(String detail) {
        return new TemplateException("Template format error: " + detail);
    }
}
