"""A stand-in for ClamAV's daemon that speaks INSTREAM (clamd's own protocol) on a UNIX
socket or a loopback TCP port, so the scan path runs for real without virus signatures."""

import contextlib
import os
import socket
import struct
import tempfile
import threading

# The EICAR test file: every scanner reports it, and it harms nothing.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def eicar_verdict(data: bytes) -> bytes:
    return b"stream: Eicar-Test-Signature FOUND" if EICAR in data else b"stream: OK"


class FakeClamd:
    def __init__(self, verdict=eicar_verdict):
        self.verdict = verdict
        self.scanned: list[bytes] = []

    def _serve(self, server: socket.socket) -> None:
        while True:
            try:
                conn, _address = server.accept()
            except OSError:
                return
            with conn:
                command = b""
                while not command.endswith(b"\0"):
                    command += conn.recv(1)
                assert command == b"zINSTREAM\0", command
                data = b""
                while True:
                    (size,) = struct.unpack("!L", self._exactly(conn, 4))
                    if size == 0:
                        break
                    data += self._exactly(conn, size)
                self.scanned.append(data)
                conn.sendall(self.verdict(data) + b"\0")

    @staticmethod
    def _exactly(conn, size: int) -> bytes:
        data = b""
        while len(data) < size:
            data += conn.recv(size - len(data))
        return data

    @contextlib.contextmanager
    def running(self, tcp_port: int | None = None):
        """Yields the address to put in ``CLAMD_SOCKET``."""
        if tcp_port is None:
            folder = tempfile.mkdtemp(prefix="clamd")  # short: a socket path has ≤ 107 bytes
            address = os.path.join(folder, "clamd.sock")
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(address)
        else:
            server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind(("127.0.0.1", tcp_port))
            address = f"127.0.0.1:{tcp_port}"
        server.listen()
        thread = threading.Thread(target=self._serve, args=(server,), daemon=True)
        thread.start()
        try:
            yield address
        finally:
            with contextlib.suppress(OSError):
                server.shutdown(socket.SHUT_RDWR)  # wakes the accept() of the serving thread
            server.close()
            thread.join(timeout=5)
            if tcp_port is None:
                os.unlink(address)
                os.rmdir(folder)
