#!/usr/bin/python3
"""A real RTSP server for tests: GStreamer's RTSP server serving one H.264 MP4 at rtsp://127.0.0.1:PORT/PATH.

Usage: rtsp-server.py FILE.mp4 [--port N (0 = any free)] [--path /cam1] [--shared]
Prints "READY <port>" once it listens. Needs Debian: gir1.2-gst-rtsp-server-1.0 python3-gi
gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-tools.
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--port", type=int, default=8554)
    parser.add_argument("--path", default="/cam1")
    parser.add_argument("--shared", action="store_true", help="one pipeline for all clients (default: each client starts at 0)")
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    factory = GstRtspServer.RTSPMediaFactory()
    location = args.file.replace("\\", "\\\\").replace('"', '\\"')
    factory.set_launch(f'( filesrc location="{location}" ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )')
    factory.set_shared(args.shared)
    server.get_mount_points().add_factory(args.path, factory)
    if server.attach(None) == 0:
        print("ERROR cannot listen", flush=True)
        sys.exit(1)
    print(f"READY {server.get_bound_port()}", flush=True)

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    loop.run()


if __name__ == "__main__":
    main()
