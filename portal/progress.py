"""The progress bar of the long commands (seed_scale, ris_sync): one line on stderr."""

import sys
import time


class Progress:
    """A one-line progress bar on stderr (the command's --quiet turns it off)."""

    def __init__(self, stream=None, enabled=True):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.started = time.monotonic()

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        width = 30
        filled = int(width * done / total)
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {100 * done // total:3d}% "
            f"{label}: {done:,}/{total:,} ({elapsed:,.0f} s)\033[K"
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
