"""N RunRetry through the provider plugin: one per run group of the ``groups`` config (a JSON list)."""
import json

import pulumi
import pulumi_tencentcloud_omics as omics

groups = json.loads(pulumi.Config().require("groups"))
for i, group in enumerate(groups):
    omics.RunRetry(f"r{i}", run_group_id=group)
