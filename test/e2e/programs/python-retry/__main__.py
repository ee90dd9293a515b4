"""RunRetry from Python through the tencentcloud-omics provider plugin (the generated SDK).

Config: ``runGroupId`` (required); optional ``runUuids`` (JSON list), ``region``,
``waitTimeoutSeconds``, ``waitForCompletion``, ``adoptRunGroupId`` (the earlier attempt's group
to record when a preview or up stops and asks for it).
"""
import json

import pulumi
import pulumi_tencentcloud_omics as omics

config = pulumi.Config()
run_uuids = config.get("runUuids")
wait = config.get_bool("waitForCompletion") or False

retry = omics.RunRetry(
    "retry",
    run_group_id=config.require("runGroupId"),
    run_uuids=json.loads(run_uuids) if run_uuids else None,
    region=config.get("region"),
    wait_timeout_seconds=config.get_int("waitTimeoutSeconds"),
    wait_for_completion=wait,
    adopt_run_group_id=config.get("adoptRunGroupId"),
)
pulumi.export("newRunGroupId", retry.new_run_group_id)
pulumi.export("status", retry.status)
pulumi.export("plan", retry.plan)

