"""Feedback: timestamped log lines when not on a terminal, a bar when on one."""

from __future__ import annotations

import io
import logging
import re

import pytest

from thlib.publish.progress import Progress, configure_logging


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture(autouse=True)
def restore_thlib_logger():
    logger = logging.getLogger("thlib")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.propagate = saved[0], saved[2]
    logger.setLevel(saved[1])


def test_plain_timestamped_lines_when_not_a_terminal():
    stream = io.StringIO()
    assert configure_logging(stream=stream) is False
    logging.getLogger("thlib.publish").info("built a")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} INFO thlib.publish: built a\n",
                        stream.getvalue())


def test_quiet_keeps_only_errors():
    stream = io.StringIO()
    configure_logging(quiet=True, stream=stream)
    logging.getLogger("thlib.publish").info("built a")
    logging.getLogger("thlib.publish").error("failed b")
    text = stream.getvalue()
    assert "built a" not in text and "ERROR thlib.publish: failed b" in text


def test_terminal_gets_short_messages_and_a_bar():
    stream = Terminal()
    assert configure_logging(stream=stream) is True
    logging.getLogger("thlib.publish").info("built a")
    logging.getLogger("thlib.publish").warning("careful")
    assert stream.getvalue().splitlines() == ["built a", "WARNING: careful"]
    bar_stream = Terminal()
    with Progress(2, True, stream=bar_stream) as progress:
        progress.update()
        progress.update()
    assert "thlib build:   0%|" in bar_stream.getvalue()  # drawn (updates are throttled)
    assert bar_stream.getvalue().endswith("\r")  # and removed at the end
    silent = io.StringIO()
    with Progress(2, False, stream=silent) as progress:
        progress.update()
    assert silent.getvalue() == ""
