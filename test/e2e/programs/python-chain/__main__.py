"""Retry a group, wait until the new group finished, then retry what failed in it again."""
import pulumi
import pulumi_tencentcloud_omics as omics

config = pulumi.Config()

first = omics.RunRetry("first", run_group_id=config.require("runGroupId"), wait_for_completion=True)
second = omics.RunRetry("second", run_group_id=first.new_run_group_id)

pulumi.export("firstRunGroupId", first.new_run_group_id)
pulumi.export("secondRunGroupId", second.new_run_group_id)
