#!/usr/bin/env python3
"""A delay line between two network interfaces, for the namespace tests on
kernels without netem: every frame received on one is sent out on the other
RTT_MS / 2 later (so a round trip takes RTT_MS more). The interfaces need
their offloads off (frames are moved as they are, and a segment bigger than
the MTU or without its checksum would be lost).

    delay.py IF_A IF_B RTT_MS
"""
import heapq
import select
import socket
import sys
import time

ETH_P_ALL = 3
PACKET_OUTGOING = 4


def main():
    names, half = sys.argv[1:3], float(sys.argv[3]) / 2000
    socks = []
    for name in names:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        s.bind((name, 0))
        s.setblocking(False)
        socks.append(s)
    other = {socks[0]: socks[1], socks[1]: socks[0]}
    queue, n = [], 0
    while True:
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else None
        ready, _, _ = select.select(socks, [], [], timeout)
        for s in ready:
            while True:
                try:
                    frame, addr = s.recvfrom(65536)
                except BlockingIOError:
                    break
                if addr[2] == PACKET_OUTGOING:  # our own, sent on this side
                    continue
                n += 1
                heapq.heappush(queue, (time.monotonic() + half, n, other[s], frame))
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, out, frame = heapq.heappop(queue)
            try:
                out.send(frame)
            except OSError:  # that side's cable is pulled: lost
                pass


if __name__ == "__main__":
    main()
