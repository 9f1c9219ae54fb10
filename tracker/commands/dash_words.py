"""Words that start with a dash (`--note "-left"`, `log note -left`), taken as the text they are.

argparse reads any word that starts with `-` and is not a negative number as an option, so
`--note "-left"` failed with "expected one argument" though nobody means an option there
(`--note=-left` always worked). Before parsing, such a word is joined to the option before it
with `=` when that option takes one value; and where a command takes free words (`log note
TEXT...`), a dash word that is no option is kept in the text, after a `--`. A word that is an
option tracker knows (`--at`, `-h`) keeps its meaning.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence

# argparse drops a "--" even where it is a value (`--note=--`, or among the words `log` passes
# on), so such a "--" travels as this and is put back after parsing (text_dashes_back).
TEXT_DASHES = "\x00--"


def text_dashes_back(namespace: argparse.Namespace) -> argparse.Namespace:
    """The namespace with every "--" that was a value put back."""
    for name, value in vars(namespace).items():
        if value == TEXT_DASHES:
            setattr(namespace, name, "--")
        elif isinstance(value, list):
            setattr(namespace, name, ["--" if item == TEXT_DASHES else item for item in value])
    return namespace


def join_dash_values(parser: argparse.ArgumentParser, args: Sequence[str]) -> list[str]:
    """`args` with every `OPTION -VALUE` pair, where OPTION takes one value and -VALUE is not an
    option of any command, written as `OPTION=-VALUE`; for a command without sub-commands whose
    words hold such a -WORD, the options first, then `--` and the words in their order."""
    cut = _passed_on_from(parser, args)
    if cut < len(args):
        # The words a command passes on (`log WHAT REST...`) are read by that command's own
        # parser, whose options decide what a dash word is: another command's `--note` must
        # not join them here (`log note --note --` gave the note "--note=--").
        return [*join_dash_values(parser, args[:cut]), *(TEXT_DASHES if word == "--" else word for word in args[cut:])]
    one_value: set[str] = set()
    known: set[str] = set()
    for action in _actions(parser):
        known.update(action.option_strings)
        if action.option_strings and action.nargs is None:  # flags (store_true, help) have nargs 0
            one_value.update(action.option_strings)

    def stray(word: str) -> bool:
        return word.startswith("-") and len(word) > 1 and word.split("=")[0] not in known

    options: list[str] = []  # options with their values, in order
    positionals: list[str] = []
    joined: list[str] = []  # every word in its place, values joined to their options
    words = iter(args)
    for word in words:
        if word == "--":  # everything after it is a word already
            rest = list(words)
            positionals += rest
            joined += [word, *rest]
            break
        if word in one_value and (value := next(words, None)) is not None:
            pair = [f"{word}={TEXT_DASHES if value == '--' else value}"] if stray(value) else [word, value]
            options += pair
            joined += pair
            continue
        (options if word.startswith("-") and not stray(word) else positionals).append(word)
        joined.append(word)
    if _takes_free_words(parser) and any(stray(word) for word in positionals):
        return [*options, "--", *positionals]
    return joined


def _passed_on_from(parser: argparse.ArgumentParser, args: Sequence[str]) -> int:
    """Where the words a sub-command passes on untouched (argparse.REMAINDER) begin in `args`;
    len(args) when none are."""
    current = parser
    for index, word in enumerate(args):
        commands = [a for a in current._actions if isinstance(a, argparse._SubParsersAction)]
        if commands and word in commands[0].choices:
            current = commands[0].choices[word]
            positional = [a for a in current._actions if not a.option_strings]
            if positional and positional[-1].nargs == argparse.REMAINDER:
                return min(len(args), index + len(positional))  # after the command and its own words
    return len(args)


def _takes_free_words(parser: argparse.ArgumentParser) -> bool:
    """A command whose words are all its own: positionals, and no sub-commands or pass-through."""
    positional = [action for action in parser._actions if not action.option_strings]
    return bool(positional) and all(
        not isinstance(action, argparse._SubParsersAction) and action.nargs != argparse.REMAINDER
        for action in positional
    )


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _actions(sub)


def text_after_options(args: Sequence[str], option: str) -> list[str]:
    """`args` of a command whose words are free text (a note), as argparse must get them: `option`
    (taking one value) and --help first, then `--` and every other word as typed, "--" and
    "-left" included (a leading "--" before other words is the usual mark, not text)."""
    rest = list(args)
    options = [word for word in rest if word in ("-h", "--help") or word.startswith(f"{option}=")]
    while option in rest[:-1]:
        at = rest.index(option)
        options += rest[at : at + 2]
        del rest[at : at + 2]
    words = [word for word in rest if word not in options]
    if len(words) > 1 and words[0] == "--":
        words = words[1:]
    return [*options, "--", *words] if words else options
