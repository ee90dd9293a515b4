// Declare Tencent Cloud Omics RetryRuns as a resource: a reviewed plan in preview, exactly one RetryRuns on up, importable retries.
package tencentcloudomics
