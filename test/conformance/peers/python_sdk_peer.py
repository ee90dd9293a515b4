#!/usr/bin/env python3
"""Conformance peer: drives the official Tencent Cloud Python SDK (tencentcloud-sdk-python-omics,
tencentcloud-sdk-python-common, installed by scripts/setup/python-peers.sh) against an endpoint.

Input: one JSON document on stdin. Output: one JSON document on stdout. Nothing else is printed
on stdout; the SDK's own warnings are captured and reported, not printed.

Credentials come from the environment (OMICS_PEER_SECRET_ID, OMICS_PEER_SECRET_KEY, optional
OMICS_PEER_TOKEN), never from argv, and are never echoed back. Authorization headers are reported
with the signature replaced by its length.

Modes
-----
{"mode": "calls", "endpoint": "127.0.0.1:PORT", "protocol": "http", "region": "ap-guangzhou",
 "reqMethod": "POST" (default) | "GET", "signMethod": "TC3-HMAC-SHA256" (default) | "HmacSHA256",
 "language": "zh-CN" (SDK default) | "en-US",
 "calls": [{"action": "RetryRuns", "params": {...}, "key": "right"|"wrong", "region": "..."?}]}
  -> {"results": [{"action", "ok": true, "raw": {...Response as received...},
                   "typed": {...the SDK's response model, serialized...},
                   "uselessFields": [...field names the SDK's models warned it does not know...],
                   "request": {"headers": {...}, "body": "..."},
                   "response": {"status": int, "contentType": str}}
                  | {"action", "ok": false, "exception": "TencentCloudSDKException",
                     "code", "message", "requestId", "request": {...}, "response": {...}}]}
  Each call goes through the SDK's typed method (client.RetryRuns(models.RetryRunsRequest())),
  so request and response pass through the official models.

{"mode": "sign", "endpoint": "127.0.0.1:PORT", "region": "...", "timestamp": 1700000000,
 "action": "DescribeProjects", "params": {...}}
  -> {"headers": {...exact headers the SDK would send, Authorization included...}, "body": "..."}
  Builds the request with the SDK's own TC3 signing code, the clock pinned to `timestamp`, and
  does not send it. Used for the signature vector tests. The signature is returned in this mode
  only (it is derived from, but does not reveal, the secret key).

{"mode": "fields", "models": ["RetryRunsRequest", "RunOption", ...]}
  -> {"RetryRunsRequest": {"ProjectId": "str", "RunUuids": "list of str", "WDLOption": "RunOption", ...}, ...}
  Field names and types as the SDK's models declare them (from their docstrings).

{"mode": "versions"} -> installed versions of the SDK packages.
"""
import json
import os
import sys
import time
import warnings
from unittest import mock


def fail(msg):
    sys.stdout.write(json.dumps({"fatal": msg}))
    sys.exit(3)


try:
    from tencentcloud.common import abstract_client, credential
    from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
    from tencentcloud.common.http.request import RequestInternal
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
    from tencentcloud.omics.v20221128 import models, omics_client
except ImportError as e:  # the venv is missing or broken: say so in JSON, exit non-zero
    fail("cannot import the Tencent Cloud Python SDK: %s (run scripts/setup/python-peers.sh)" % e)


def creds(key_variant="right"):
    sid = os.environ.get("OMICS_PEER_SECRET_ID")
    skey = os.environ.get("OMICS_PEER_SECRET_KEY")
    token = os.environ.get("OMICS_PEER_TOKEN") or None
    if not sid or not skey:
        fail("OMICS_PEER_SECRET_ID and OMICS_PEER_SECRET_KEY must be set")
    if key_variant == "wrong":
        skey = skey[::-1] + "x"  # a different key of the same kind
    return credential.Credential(sid, skey, token)


def make_client(spec, region, key_variant="right"):
    http = HttpProfile(endpoint=spec["endpoint"], protocol=spec.get("protocol", "http"),
                       reqMethod=spec.get("reqMethod", "POST"), reqTimeout=spec.get("timeout", 30))
    profile = ClientProfile(httpProfile=http, signMethod=spec.get("signMethod", "TC3-HMAC-SHA256"))
    if spec.get("language"):
        profile.language = spec["language"]
    return omics_client.OmicsClient(creds(key_variant), region, profile)


def redact_headers(headers):
    out = {}
    for k, v in headers.items():
        if k.lower() == "authorization" and "Signature=" in v:
            head, sig = v.split("Signature=", 1)
            v = head + "Signature=<%d hex chars>" % len(sig)
        out[k] = v
    return out


def instrument(client, record):
    """Wraps the client's transport so the exact request and the raw response are recorded."""
    send = client.request.send_request

    def send_request(req):
        record["request"] = {"headers": redact_headers(dict(req.header)), "body": req.data,
                             "host": req.host, "method": req.method, "uri": req.uri}
        resp = send(req)
        record["response"] = {"status": resp.status_code,
                              "contentType": resp.headers.get("Content-Type"),
                              "body": resp.text}
        return resp

    client.request.send_request = send_request


def run_call(spec, call):
    action = call["action"]
    region = call.get("region", spec.get("region"))
    client = make_client(spec, region, call.get("key", "right"))
    record = {"action": action}
    instrument(client, record)
    request = getattr(models, action + "Request")()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        request.from_json_string(json.dumps(call.get("params", {})))
        request_warnings = [str(w.message) for w in caught]
    if request_warnings:
        # The test's own parameters are not known to the SDK's request model: a test bug.
        record.update(ok=False, exception="TestBug", message="; ".join(request_warnings))
        return record
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            response = getattr(client, action)(request)
        record["ok"] = True
        record["typed"] = json.loads(response.to_json_string())
        useless = []
        for w in caught:
            msg = str(w.message)
            if msg.endswith("fileds are useless."):  # sic, the SDK's wording
                useless.extend(msg[: -len(" fileds are useless.")].split(","))
            else:
                record.setdefault("warnings", []).append(msg)
        record["uselessFields"] = sorted(set(useless))
    except TencentCloudSDKException as e:
        message = e.message
        if isinstance(message, bytes):  # ServerNetworkError carries the raw non-200 body
            message = message.decode("utf-8", "replace")
        record.update(ok=False, exception=type(e).__name__, code=e.code, message=message,
                      requestId=e.requestId)
    except Exception as e:  # anything else is a peer failure, reported as such
        record.update(ok=False, exception=type(e).__name__, message=str(e))
    if "response" in record:
        try:
            record["raw"] = json.loads(record["response"]["body"]).get("Response")
        except Exception:
            record["raw"] = None
        del record["response"]["body"]
    return record


def sign_only(spec):
    client = make_client(spec, spec.get("region"))
    req = RequestInternal(client._get_endpoint(), "POST", client._requestPath, header={})
    # Pin the clock the signer reads (abstract_client calls time.time()) to the vector's timestamp.
    with mock.patch.object(abstract_client.time, "time", return_value=float(spec["timestamp"])):
        client._build_req_inter(spec["action"], spec.get("params", {}), req)
    return {"headers": dict(req.header), "body": req.data, "host": req.host}


def model_fields(name):
    import re
    cls = getattr(models, name)
    doc = cls.__init__.__doc__ or ""
    out = {}
    for field, typ in re.findall(r":type (\w+): (.+)", doc):
        m = re.search(r"models\.(\w+)`", typ)
        if m:
            typ = m.group(1)
        out[field] = typ.strip()
    # Cross-check with the instance attributes, so a docstring change cannot hide a field.
    attrs = sorted(k[1:] for k in vars(cls()) if k.startswith("_") and k != "_headers")
    if sorted(out) != attrs:
        fail("cannot read the fields of %s: docstring %s vs attributes %s" % (name, sorted(out), attrs))
    return out


def main():
    spec = json.loads(sys.stdin.read() or "{}")
    mode = spec.get("mode", "calls")
    if mode == "versions":
        from importlib import metadata
        out = {n: metadata.version(n) for n in ("tencentcloud-sdk-python-omics", "tencentcloud-sdk-python-common")}
    elif mode == "fields":
        out = {n: model_fields(n) for n in spec["models"]}
    elif mode == "sign":
        out = sign_only(spec)
    elif mode == "calls":
        out = {"results": [run_call(spec, c) for c in spec["calls"]]}
    else:
        fail("unknown mode %r" % mode)
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main()
