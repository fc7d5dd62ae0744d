"""The studio's lint latency: `plume serve` started for real, then 200 requests to its lint
endpoint with a 150-word reply, over one keep-alive connection, as the editor sends them.

Usage: .venv/bin/python benchmarks/studio_latency.py [--requests 200]
Prints the median and the 95th percentile in milliseconds (round trip, server included).
"""

import argparse
import http.client
import json
import re
import socket
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit

from harness.web._studio import csrf_token

REPLY = (
    "Bonjour,\n\n"
    "Nous avons bien reçu votre message concernant le remboursement de vos frais de transport"
    " et nous vous remercions de votre patience. Votre dossier a été examiné par le service"
    " instructeur. Il convient de joindre à votre demande une attestation de"
    " votre employeur, car la pièce transmise en octobre ne mentionne pas les dates de vos"
    " déplacements. Vous pouvez la déposer dans votre espace personnel, rubrique « Mes"
    " démarches », ou l'envoyer par courrier à l'adresse indiquée sur votre notification.\n\n"
    "Dès réception de ce document, nous traiterons votre dossier dans les meilleurs délais et"
    " vous recevrez un courriel vous indiquant le montant retenu. Si votre situation a changé"
    " depuis votre première demande (déménagement, nouveau contrat),"
    " signalez-le aussi : cela peut modifier vos droits. Nos conseillers répondent à vos"
    " questions du lundi au vendredi, de 9 heures à 17 heures, au 3646 (service gratuit et"
    " prix d'un appel).\n\n"
    "Nous vous prions d'agréer nos salutations distinguées."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    count = parser.parse_args().requests
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "harness.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        link = next(m.group() for line in server.stdout if (m := re.search(r"http://\S+", line)))
        token = link.split("jeton=")[1]
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("plume serve did not start") from None
                time.sleep(0.2)
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("GET", urlsplit(link).path + "?" + urlsplit(link).query)
        answer = connection.getresponse()
        answer.read()
        cookie = answer.getheader("set-cookie", "").split(";")[0]
        headers = {
            "content-type": "application/json",
            "cookie": cookie,
            "x-plume-jeton": csrf_token(token),
        }
        body = json.dumps({"texte": REPLY})
        timings = []
        violations = 0
        for number in range(count + 5):  # 5 warm-up requests, not counted
            started = time.perf_counter()
            connection.request("POST", "/redaction/api/lint", body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            elapsed = time.perf_counter() - started
            if answer.status != 200:
                raise SystemExit(f"lint endpoint answered {answer.status}: {data[:200]!r}")
            violations = len(json.loads(data)["violations"])
            if number >= 5:
                timings.append(elapsed * 1000)
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        print(
            f"{len(REPLY.split())} whitespace-separated words, {violations} violations,"
            f" {count} requests:"
            f" median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms,"
            f" max {timings[-1]:.1f} ms"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
