// Retries the failed runs of one run group, waits for the new group, and exports its id.
package main

import (
	omics "github.com/pulumi-tencentcloud-omics/pulumi-tencentcloud-omics/sdks/go/tencentcloudomics"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	retry, err := omics.NewRunRetry(ctx, "retry-failed-samples", &omics.RunRetryArgs{
		RunGroupId: pulumi.String(cfg.Require("runGroupId")),
		WdlOption: &omics.WdlOptionArgs{
			FailureMode:    pulumi.String("ContinueWhilePossible"),
			UseCallCache:   pulumi.Bool(true),
			UseErrorOnHold: pulumi.Bool(false),
		},
		WaitForCompletion:  pulumi.Bool(true),
		WaitTimeoutSeconds: pulumi.Int(6 * 3600),
	})
	if err != nil {
		return err
	}
	ctx.Export("newRunGroupId", retry.NewRunGroupId)
	ctx.Export("status", retry.Status)
	return nil
}

func main() {
	pulumi.Run(program)
}
