// Conformance peer: the official Tencent Cloud Go SDK (module
// github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common, pinned in go.mod) calling Omics
// actions through its generic CommonClient. The product package tencentcloud/omics is not served by
// the Go module proxy reachable here, so the typed OmicsClient cannot be used; CommonClient is the
// SDK's own documented way to call any action by name, with the same signer and transport.
//
// Input (stdin): {"endpoint": "127.0.0.1:PORT", "region": "ap-guangzhou", "language"?: "en-US",
//
//	"calls": [{"action": "RetryRuns", "params": {...}, "key": "right"|"wrong", "region"?: "..."}]}
//
// Output (stdout): {"results": [{"action", "ok", "raw"?, "code"?, "message"?, "requestId"?,
//
//	"request": {"headers": {...}, "body": "..."}, "response": {"status", "contentType"}}]}
//
// Credentials: OMICS_PEER_SECRET_ID, OMICS_PEER_SECRET_KEY, OMICS_PEER_TOKEN (environment only).
// The Authorization header is reported with the signature replaced by its length.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

type call struct {
	Action string                 `json:"action"`
	Params map[string]interface{} `json:"params"`
	Key    string                 `json:"key"`
	Region *string                `json:"region"`
}

type spec struct {
	Endpoint string `json:"endpoint"`
	Region   string `json:"region"`
	Language string `json:"language"`
	Calls    []call `json:"calls"`
}

type record struct {
	Action    string                 `json:"action"`
	OK        bool                   `json:"ok"`
	Raw       map[string]interface{} `json:"raw,omitempty"`
	Exception string                 `json:"exception,omitempty"`
	Code      string                 `json:"code,omitempty"`
	Message   string                 `json:"message,omitempty"`
	Cause     string                 `json:"cause,omitempty"`
	RequestID string                 `json:"requestId,omitempty"`
	Request   map[string]interface{} `json:"request,omitempty"`
	Response  map[string]interface{} `json:"response,omitempty"`
}

var sigRe = regexp.MustCompile(`Signature=([0-9a-f]*)`)

// recorder wraps the SDK's transport to see the exact request and the raw answer.
type recorder struct {
	rec *record
}

func (r recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	headers := map[string]string{}
	for k, v := range req.Header {
		headers[k] = strings.Join(v, ",")
	}
	headers["Host"] = req.Host
	if a, ok := headers["Authorization"]; ok {
		headers["Authorization"] = sigRe.ReplaceAllStringFunc(a, func(m string) string {
			return fmt.Sprintf("Signature=<%d hex chars>", len(m)-len("Signature="))
		})
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	r.rec.Request = map[string]interface{}{"headers": headers, "body": string(body), "method": req.Method, "url": req.URL.String()}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	r.rec.Response = map[string]interface{}{"status": resp.StatusCode, "contentType": resp.Header.Get("Content-Type")}
	var env struct {
		Response map[string]interface{} `json:"Response"`
	}
	if json.Unmarshal(raw, &env) == nil {
		r.rec.Raw = env.Response
	}
	return resp, nil
}

func fatal(msg string) {
	out, _ := json.Marshal(map[string]string{"fatal": msg})
	os.Stdout.Write(out)
	os.Exit(3)
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func run(s spec, c call) record {
	rec := record{Action: c.Action}
	id, key, token := os.Getenv("OMICS_PEER_SECRET_ID"), os.Getenv("OMICS_PEER_SECRET_KEY"), os.Getenv("OMICS_PEER_TOKEN")
	if id == "" || key == "" {
		fatal("OMICS_PEER_SECRET_ID and OMICS_PEER_SECRET_KEY must be set")
	}
	if c.Key == "wrong" {
		key = reverse(key) + "x"
	}
	region := s.Region
	if c.Region != nil {
		region = *c.Region
	}
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = s.Endpoint
	cpf.HttpProfile.Scheme = "HTTP"
	cpf.HttpProfile.ReqMethod = "POST"
	cpf.HttpProfile.ReqTimeout = 30
	cpf.SignMethod = "TC3-HMAC-SHA256"
	if s.Language != "" {
		cpf.Language = s.Language
	}
	var cred *common.Credential
	if token != "" {
		cred = common.NewTokenCredential(id, key, token)
	} else {
		cred = common.NewCredential(id, key)
	}
	client := common.NewCommonClient(cred, region, cpf).WithHttpTransport(recorder{rec: &rec})
	req := tchttp.NewCommonRequest("omics", "2022-11-28", c.Action)
	params := c.Params
	if params == nil {
		params = map[string]interface{}{}
	}
	if err := req.SetActionParameters(params); err != nil {
		fatal("bad params: " + err.Error())
	}
	resp := tchttp.NewCommonResponse()
	err := client.Send(req, resp)
	if err == nil {
		rec.OK = true
		var env struct {
			Response map[string]interface{} `json:"Response"`
		}
		if json.Unmarshal(resp.GetBody(), &env) == nil && env.Response != nil {
			rec.Raw = env.Response
		}
		return rec
	}
	var sdkErr *tcerr.TencentCloudSDKError
	if errors.As(err, &sdkErr) {
		rec.Exception = "TencentCloudSDKError"
		rec.Code, rec.Message, rec.RequestID = sdkErr.Code, sdkErr.Message, sdkErr.RequestId
		if cause := errors.Unwrap(sdkErr); cause != nil {
			rec.Cause = cause.Error()
		}
	} else {
		rec.Exception = fmt.Sprintf("%T", err)
		rec.Message = err.Error()
	}
	return rec
}

func main() {
	var s spec
	if err := json.NewDecoder(os.Stdin).Decode(&s); err != nil {
		fatal("bad input: " + err.Error())
	}
	results := make([]record, 0, len(s.Calls))
	for _, c := range s.Calls {
		results = append(results, run(s, c))
	}
	out, _ := json.Marshal(map[string]interface{}{"results": results})
	os.Stdout.Write(out)
}
