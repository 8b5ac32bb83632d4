"""Board files as data: loading, checking, and their declared firmware tests."""

import os
from dataclasses import dataclass, field
from typing import List

from anvil import _anvil
from anvil.errors import BoardError

DEFAULT_BOARDS_DIR = _anvil.DEFAULT_BOARDS_DIR


def find_board(board, boards_dir=None):
    """A board file path: `board` itself if it is a file (or has a slash), else NAME or
    NAME.lua in `boards_dir` (default: the repository's platforms/boards), as `anvil run`."""
    board = os.fspath(board)
    boards_dir = boards_dir or DEFAULT_BOARDS_DIR
    if os.path.isfile(board) or "/" in board:
        return board
    for name in (board, board + ".lua"):
        candidate = os.path.join(boards_dir, name)
        if os.path.isfile(candidate):
            return candidate
    return board


def param_text(key, value):
    """One params entry as `anvil run -p` takes it."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, os.PathLike):
        text = os.fspath(value)
    else:
        text = str(value)
    return f"{key}={text}"


@dataclass
class FirmwareTest:
    """One entry of a board's `firmware_tests` (docs/python.md)."""

    name: str
    firmware: str  # relative to the build directory, or absolute
    param: str  # the board parameter the image path goes to
    golden: str  # absolute or relative to the current directory; "" for the default
    uart: str
    exit_code: int
    timeout: float  # simulated seconds
    params: List[str]
    where: str  # "file:line" of the declaration


@dataclass
class BoardInfo:
    name: str
    file: str
    description: str
    is_board: bool  # False: a shared fragment (returns something else than board { })
    params: List[str]  # board parameters the file declares
    problems: List[str]  # "file:line: field: what", every one
    firmware_tests: List[FirmwareTest] = field(default_factory=list)


def load_board(board, params=None, boards_dir=None, require_params=False):
    """Loads and validates a board without running it. Problems are listed, not raised."""
    path = find_board(board, boards_dir)
    entries = [param_text(k, v) for k, v in (params or {}).items()]
    data = _anvil.load_board(path, entries, boards_dir or DEFAULT_BOARDS_DIR, require_params)
    tests = [FirmwareTest(**entry) for entry in data.pop("firmware_tests")]
    return BoardInfo(firmware_tests=tests, **data)


def check(board, params=None, boards_dir=None):
    """`anvil check` from Python: raises BoardError listing every problem, else returns the
    board's BoardInfo."""
    info = load_board(board, params, boards_dir)
    if info.problems:
        raise BoardError("\n".join(info.problems))
    return info
