package dev.ops.proton.model;

/** Regular expressions shared by the CRD schemas and the reconcilers' own validation. */
public final class Patterns {

    public static final String ACCOUNT_ID = "^\\d{12}$";
    /** An IAM role ARN, as the Proton service model requires for connection roles. */
    public static final String ROLE_ARN =
            "^arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:role/([\\w+=,.@-]{1,512}[/:])*([\\w+=,.@-]{1,64})$";

    public static final String REGION = "^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d$";
    public static final String ENVIRONMENT_NAME = "^[0-9A-Za-z]+[0-9A-Za-z_\\-]*$";
    public static final String STACK_NAME = "^[a-zA-Z][-a-zA-Z0-9]{0,127}$";
    public static final String SESSION_NAME = "^[\\w+=,.@-]{2,64}$";
    /** A DNS-1123 subdomain: the names of Kubernetes objects referenced by spec fields. */
    public static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

    /** A key of a Secret's or ConfigMap's data, as Kubernetes allows it. */
    public static final String DATA_KEY = "^[-._a-zA-Z0-9]{1,253}$";

    private Patterns() {}
}
