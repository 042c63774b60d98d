-- wrk script for bench/run.sh: every request POSTs the draft named by
-- $DRAFT to /api/check, as the page and scripts do
local f = assert(io.open(os.getenv("DRAFT"), "rb"))
wrk.body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/octet-stream"
