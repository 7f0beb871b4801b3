"""The ``reliability`` command: a thin click shell over the API, one module per subcommand.

Exit codes: 0 done; 1 some input could not be handled (one line on stderr each,
the rest still handled); 2 usage error.
"""
from __future__ import annotations

import os
import re
import sys

import click

from .. import __version__


class _LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand runs (fast start-up)."""

    _commands = {
        "score": ("score", "score"),
        "info": ("info", "info"),
        "train": ("train", "train"),
        "evaluate": ("evaluate", "evaluate"),
        "suggest": ("suggest", "suggest"),
    }

    def list_commands(self, ctx):
        return list(self._commands)

    def get_command(self, ctx, name):
        if name not in self._commands:
            return None
        import importlib

        module, attr = self._commands[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reliability")
def cli():
    """Score how well Indonesian news articles back up their claims, and how
    sensational their headlines are, with the evidence behind both."""


def main(argv=None):
    """Run the command line; ``argv`` defaults to ``sys.argv[1:]``. Returns the exit code."""
    # Text that is not valid Unicode (a lone surrogate from a JSON "\ud800"
    # escape, an undecodable byte in a file name or argument) is printed
    # escaped instead of failing the whole run at the first print.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a real text stream (tests, pipes replaced)
            pass
    try:
        return cli.main(args=argv, prog_name="reliability", standalone_mode=False) or 0
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("reliability: interrupted", err=True)
        return 130
    except BrokenPipeError:
        # `reliability score ... | head`: the reader left; not an error worth a traceback.
        try:
            sys.stdout = None
        except Exception:
            pass
        return 0
    except Exception as exc:
        # A bug, not bad input: still one line and an exit code, never a
        # traceback in someone's pipeline log (RELIABILITY_DEBUG=1 shows it).
        if os.environ.get("RELIABILITY_DEBUG"):
            raise
        fail(f"internal error ({type(exc).__name__}: {exc}); set RELIABILITY_DEBUG=1 to see the traceback")
        return 1


_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def fail(message: str) -> None:
    """One-line error on stderr (no traceback).

    Control characters (a newline in a file name, an escape sequence) are
    shown escaped: the message stays one line and cannot drive the terminal.
    """
    message = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", message)
    click.echo(f"reliability: {message}", err=True)
