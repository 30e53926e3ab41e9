package org.greenplan.indicator;

/** A parameter value the indicator cannot use; names the parameter so the API can point at it. */
public class InvalidParameterException extends IllegalArgumentException {

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
