"""A fake of vLLM's command line, for machines without a GPU.

It follows vLLM's documented interface (docs.vllm.ai, "OpenAI-Compatible Server"):
``vllm serve MODEL --host HOST --port PORT [more args]`` starts a server whose ``GET /v1/models``
lists MODEL once the weights are loaded and whose ``POST /v1/chat/completions`` answers in the
OpenAI format. It answers every request with one short French reply, and prints its pid and its
arguments first, so that a test can check what Plume started and that it is gone afterwards.
"""

import argparse
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

REPLY = "Bonjour, votre demande a bien été enregistrée. Nous revenons vers vous sous huit jours."


def main() -> None:
    parser = argparse.ArgumentParser(prog="vllm")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve")
    serve.add_argument("model")
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=8000)
    args, _ = parser.parse_known_args()  # the engine's options change nothing here
    print(f"fake vllm pid {os.getpid()} argv {json.dumps(sys.argv[1:])}", flush=True)
    # vLLM answers only once the weights are on the GPU: the server opens a little later.
    time.sleep(0.5)

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == "/v1/models":
                model = {"id": args.model, "object": "model", "owned_by": "vllm"}
                self._send(200, {"object": "list", "data": [model]})
            else:
                self._send(404, {"error": "not found"})

        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if self.path != "/v1/chat/completions" or request.get("model") != args.model:
                self._send(404, {"error": f"no model {request.get('model')}"})
                return
            choice = {
                "index": 0,
                "message": {"role": "assistant", "content": REPLY},
                "finish_reason": "stop",
            }
            usage = {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70}
            body = {"id": "cmpl-1", "object": "chat.completion", "model": args.model}
            self._send(200, body | {"choices": [choice], "usage": usage})

        def log_message(self, format: str, *values: Any) -> None:
            pass

    ThreadingHTTPServer((args.host, args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
