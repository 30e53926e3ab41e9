package org.greenplan.indicator;

/** A parameter value the indicator cannot use; names the parameter so the API can point at it. */
public class InvalidParameterException extends IllegalArgumentException implements org.greenplan.Refusal {
    @Override
    public Category category() {
        return Category.INVALID;
    }

    @Override
    public String field() {
        return parameter;
    }

    @Override
    public String title() {
        return "Invalid parameter";
    }


    private final String parameter;
    private final String reason;

    public InvalidParameterException(String parameter, String reason) {
        super("parameter '" + parameter + "': " + reason);
        this.parameter = parameter;
        this.reason = reason;
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }
}
