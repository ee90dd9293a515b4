"""Retry the failed runs of one run group, once, and wait for the new group.

Needs the tencentcloud-omics provider plugin (README: "Install"), the Python SDK
(``pip install ./sdks/python``) and config, e.g.::

    pulumi config set tencentcloud-omics:region ap-guangzhou
    pulumi config set runGroupId run-ashamed-bleak-doggy-247963
"""
import pulumi
import pulumi_tencentcloud_omics as omics

config = pulumi.Config()

retry = omics.RunRetry(
    "retry-failed-samples",
    run_group_id=config.require("runGroupId"),
    wdl_option=omics.WdlOptionArgs(failure_mode="ContinueWhilePossible", use_call_cache=True, use_error_on_hold=False),
    wait_for_completion=True,
    opts=pulumi.ResourceOptions(custom_timeouts=pulumi.CustomTimeouts(create="6h")),
)

pulumi.export("newRunGroupId", retry.new_run_group_id)
pulumi.export("status", retry.status)
