"""E3: keep personal data out of the log. Django logs the path of every 4xx/5xx request; a path
or a message can hold a citizen service number (BSN) someone typed. The console handler's
filter replaces every nine-digit number that passes the BSN check (elfproef) by ``[BSN]``."""

import logging
import re

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def is_bsn(digits: str) -> bool:
    """The elfproef: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11 (and not 0)."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(w * int(d) for w, d in zip(weights, digits, strict=True))
    return total != 0 and total % 11 == 0


def redact(text: str) -> str:
    return _NINE_DIGITS.sub(lambda m: "[BSN]" if is_bsn(m.group()) else m.group(), text)


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
