"""A retry made by hand (``retriedRunGroupId``, a retry of ``sourceRunGroupId``), recorded with the import option."""
import pulumi
import pulumi_tencentcloud_omics as omics

config = pulumi.Config()

record = omics.RunRetryRecord(
    "by-hand",
    run_group_id=config.require("sourceRunGroupId"),
    opts=pulumi.ResourceOptions(import_=config.require("retriedRunGroupId")),
)
pulumi.export("newRunGroupId", record.new_run_group_id)
