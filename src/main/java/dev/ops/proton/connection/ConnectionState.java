package dev.ops.proton.connection;

/** Proton's EnvironmentAccountConnectionStatus. */
public enum ConnectionState {
    PENDING,
    CONNECTED,
    REJECTED;

    /** A live connection occupies its (management account, environment name) pair; a rejected one never again. */
    public boolean isLive() {
        return this != REJECTED;
    }
}
