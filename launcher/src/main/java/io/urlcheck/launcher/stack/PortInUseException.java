package io.urlcheck.launcher.stack;

/** A port the stack needs is taken; the message names the port and the option that changes it. */
public final class PortInUseException extends StackException {

    private final int port;

    public PortInUseException(String what, int port, String option) {
        super("port " + port + " (" + what + ") is already in use; choose another with " + option + " " + "<port>"
                + " or stop what listens there");
        this.port = port;
    }

    /** The taken port. */
    public int port() {
        return port;
    }
}
