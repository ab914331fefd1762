package dev.ops.proton.aws;

/** The AWS services the operator calls, by their endpoint service ids. */
public enum AwsService {
    STS("sts"),
    IAM("iam"),
    CLOUDFORMATION("cloudformation"),
    PROTON("proton");

    private final String id;

    AwsService(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
