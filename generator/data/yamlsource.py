"""The one YAML reader: a plain value plus where every key and value sits in the file.

PyYAML follows YAML 1.1, whose implicit typing surprises editors: `01004` becomes the
number 516, `no` becomes False, duplicate keys silently keep the last one, and aliases
can expand exponentially. We therefore compose the node tree ourselves and build the
value by hand, refusing aliases, duplicate keys and exotic tags, and remembering for
every scalar its original text so later checks can say "this code was read as a
number, quote it".
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from . import message_table
from .errors import Issue, Severity, os_error_text

try:  # libyaml is an order of magnitude faster; the pure-Python loader is the fallback.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

KeyPath = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 40

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


class Pos(NamedTuple):
    # NamedTuples, not frozen dataclasses: one is made per YAML node, and at 10,000
    # files the dataclass constructor alone cost seconds.
    line: int
    col: int


class Scalar(NamedTuple):
    """How a scalar was written: its raw text and whether it was quoted."""

    raw: str
    quoted: bool


@dataclass
class SourceDoc:
    """A parsed file: its value and a position for every key path inside it."""

    path: Path
    display: str
    data: Any
    positions: dict[KeyPath, Pos] = field(default_factory=dict)
    key_positions: dict[KeyPath, Pos] = field(default_factory=dict)
    scalars: dict[KeyPath, Scalar] = field(default_factory=dict)

    def pos(self, key_path: KeyPath, *, at_key: bool = False) -> Pos:
        """Position of a value (or of its key), falling back to the nearest parent."""
        if at_key and key_path in self.key_positions:
            return self.key_positions[key_path]
        path = tuple(key_path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Pos(1, 1))

    def issue(
        self,
        key_path: KeyPath,
        message: str,
        *,
        severity: Severity = Severity.ERROR,
        at_key: bool = False,
    ) -> Issue:
        where = self.pos(key_path, at_key=at_key)
        return Issue(
            self.display, where.line, where.col, format_key_path(key_path), message, severity
        )

    def scalar(self, key_path: KeyPath) -> Scalar | None:
        return self.scalars.get(tuple(key_path))


def format_key_path(key_path: KeyPath) -> str:
    """`('sources', 0, 'url')` → `sources[0].url`, the notation used in every message."""
    out = ""
    for part in key_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class UnreadableFile(Exception):
    """A data file that cannot be read as text; the message is French, for editors."""


_SPECIAL_FILES = {
    stat.S_IFIFO: "un tube nommé (FIFO)",
    stat.S_IFSOCK: "une prise de communication (socket)",
    stat.S_IFCHR: "un périphérique",
    stat.S_IFBLK: "un périphérique",
    stat.S_IFDIR: "un dossier",
}


def special_file_kind(mode: int) -> str | None:
    """What a non-regular file is, in French; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return _SPECIAL_FILES.get(stat.S_IFMT(mode), "un fichier spécial")


def read_data_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    The type is checked before opening (opening a FIFO blocks until someone writes to it,
    opening a device can have effects) and again on the open file, opened non-blocking,
    in case the path was swapped in between.
    """
    try:
        kind = special_file_kind(os.stat(path).st_mode)
        if kind is None:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            with os.fdopen(fd, "rb") as file:
                info = os.fstat(file.fileno())
                kind = special_file_kind(info.st_mode)
                if kind is None:
                    if info.st_size > limit:
                        raise UnreadableFile(
                            f"fichier trop gros ({info.st_size} octets, maximum {limit})."
                        )
                    raw = file.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(f"fichier illisible ({os_error_text(exc)}).") from None
    if kind is not None:
        raise UnreadableFile(
            f"ce n'est pas un fichier ordinaire mais {kind} : seuls les fichiers texte sont "
            "lus ; supprimez-le ou remplacez-le par un vrai fichier."
        )
    if len(raw) > limit:  # it grew while being read
        raise UnreadableFile(f"fichier trop gros (plus de {limit} octets).")
    return raw


def read_yaml(path: Path, display: str) -> tuple[SourceDoc | None, list[Issue]]:
    """Read one YAML file; returns the document, or None and the reasons it could not be read."""
    try:
        raw = read_data_file(path)
    except UnreadableFile as exc:
        return None, [Issue(display, 1, 1, "", str(exc))]
    return parse_yaml_bytes(raw, path, display)


def parse_yaml_bytes(raw: bytes, path: Path, display: str) -> tuple[SourceDoc | None, list[Issue]]:
    def fail(line: int, col: int, message: str) -> tuple[None, list[Issue]]:
        return None, [Issue(display, line, col, "", message)]

    if len(raw) > MAX_FILE_BYTES:
        return fail(1, 1, f"fichier trop gros ({len(raw)} octets, maximum {MAX_FILE_BYTES}).")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_byte(raw, exc.start)
        return fail(
            line,
            col,
            f"le fichier n'est pas en UTF-8 (octet 0x{raw[exc.start]:02x} illisible) : "
            "enregistrez-le avec l'encodage UTF-8.",
        )
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line, col = _line_col_of_char(text, text.index("\x00"))
        return fail(line, col, "caractère nul dans le fichier : ce n'est pas un fichier texte.")
    invisible = [Issue(display, line, col, "", msg) for line, col, msg in _invisible_chars(text)]
    if invisible:
        return None, invisible
    tab_issues = [Issue(display, line, col, "", msg) for line, col, msg in _tab_problems(text)]
    if tab_issues:
        return None, tab_issues
    if not _has_content(text):
        return fail(1, 1, "fichier vide : il doit contenir au moins la clé « id ».")
    if "&" in text and "*" in text:  # an alias needs an anchor; "*" alone is Markdown bold
        alias_issues = _alias_problems(text, display)
        if alias_issues:
            return None, alias_issues
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in str(exc.problem):
            # An unclosed quote or bracket is found at the end of the file; where it was
            # opened is what the editor needs.
            mark = exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        line, col = _clamp(text, line, col)
        return fail(line, col, translate_yaml_error(exc))
    except yaml.reader.ReaderError as exc:  # pragma: no cover - refused above, before YAML
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line, col = _line_col_of_char(text, min(max(exc.position, 0), len(text)))
        return fail(
            line,
            col,
            f"caractère U+{char:04X} refusé par YAML : supprimez-le "
            "(il vient souvent d'un copier-coller).",
        )
    except yaml.YAMLError:  # pragma: no cover - every other PyYAML error carries a mark
        return fail(1, 1, "fichier YAML illisible : vérifiez qu'il s'agit d'un fichier texte.")
    documents = [d for d in documents if d is not None]
    if not documents:
        return fail(1, 1, "fichier vide : il doit contenir au moins la clé « id ».")
    if len(documents) > 1:
        second = documents[1].start_mark
        return fail(
            second.line + 1,
            1,
            "plusieurs documents YAML (« --- ») dans un même fichier : "
            "un fichier ne doit décrire qu'un seul élément.",
        )
    builder = _Builder(path, display)
    data = builder.build(documents[0], ())
    if builder.fatal:
        return None, builder.issues
    # Duplicate keys and the like are reported, but the rest of the file is still
    # checked so the editor sees every problem at once.
    doc = SourceDoc(path, display, data, builder.positions, builder.key_positions, builder.scalars)
    return doc, builder.issues


def _alias_problems(text: str, display: str) -> list[Issue]:
    """Aliases (`*name`) can expand exponentially; we refuse them where they are written."""
    issues: list[Issue] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                if mark is None:  # pragma: no cover - both loaders always set marks
                    continue
                issues.append(
                    Issue(
                        display,
                        mark.line + 1,
                        mark.column + 1,
                        "",
                        f"alias YAML « *{event.anchor} » non accepté : recopiez la valeur "
                        "au lieu d'y faire référence.",
                    )
                )
    except yaml.YAMLError:
        return []  # the syntax error is reported by the composer, with its own message
    return issues


def _clamp(text: str, line: int, col: int) -> tuple[int, int]:
    """An error "at the end of the file" points at the end of its last line."""
    lines = text.splitlines() or [""]
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, col


def _line_col_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _line_col_of_char(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


# Characters an editor cannot see and every output format chokes on: C0 controls except
# tab and line breaks, DEL, C1 controls, Unicode line separators (YAML 1.1 reads NEL,
# U+2028 and U+2029 as line breaks, so they would also shift every reported line),
# non-characters, a byte-order mark past the start, and a carriage return not followed
# by a line feed (CRLF files are fine).
_INVISIBLE_RAW = re.compile(
    "[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)"
)
# The same, inside a value (double-quoted escapes such as "\x07", "\e", "\N" or "\r");
# tab and line feed are kept, Markdown fields need them.
_INVISIBLE_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_INVISIBLE_KEY = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
MAX_REPORTED_CHARS = 10


def describe_char(char: str) -> str:
    """French name of an invisible character, with its code point."""
    code = f"U+{ord(char):04X}"
    if char == "\r":
        return f"retour chariot seul ({code})"
    if char == "\t":
        return f"tabulation ({code})"
    if char == "\n":
        return f"retour à la ligne ({code})"
    if char in "\x85\u2028\u2029":
        return f"séparateur de ligne Unicode ({code})"
    if char == "\ufeff":
        return f"marque d'ordre des octets ({code})"
    if "\ud800" <= char <= "\udfff" or char in "\ufffe\uffff":
        return f"caractère non valide ({code})"
    return f"caractère de contrôle ({code})"


def _invisible_chars(text: str) -> Iterator[tuple[int, int, str]]:
    for count, match in enumerate(_INVISIBLE_RAW.finditer(text)):
        if count == MAX_REPORTED_CHARS:
            return
        line, col = _line_col_of_char(text, match.start())
        char = match.group()
        fix = (
            "enregistrez le fichier avec des fins de ligne LF (ou CRLF)"
            if char == "\r"
            else "supprimez ce caractère ; il vient souvent d'un copier-coller et ne se voit pas"
        )
        yield line, col, f"{describe_char(char)} invisible à cet endroit : {fix}."


def _tab_problems(text: str) -> Iterator[tuple[int, int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            yield (
                number,
                indent.index("\t") + 1,
                "tabulation dans l'indentation : YAML n'accepte que des espaces "
                "(remplacez chaque tabulation par deux espaces).",
            )


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False


def translate_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML speaks English and of parser states; editors need a French hint."""
    detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    for needle, message in message_table.yaml_problems():
        if needle in detail:
            return f"syntaxe YAML invalide : {message}"
    return message_table.yaml_fallback()


class _Builder:
    """Builds plain Python values from nodes, recording positions and refusing traps."""

    def __init__(self, path: Path, display: str) -> None:
        self.display = display
        self.issues: list[Issue] = []
        self.positions: dict[KeyPath, Pos] = {}
        self.key_positions: dict[KeyPath, Pos] = {}
        self.scalars: dict[KeyPath, Scalar] = {}
        self._seen: set[int] = set()
        self._count = 0
        self._constructor = yaml.constructor.SafeConstructor()
        self.fatal = False

    def _error(self, node: yaml.Node, message: str, key_path: KeyPath) -> None:
        self.issues.append(
            Issue(
                self.display,
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                format_key_path(key_path),
                message,
            )
        )

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        if self.fatal:
            return None
        if id(node) in self._seen:
            # The composer hands back the same node object for every alias of an anchor.
            self._error(node, "alias YAML non accepté : recopiez la valeur.", key_path)
            self.fatal = True
            return None
        self._seen.add(id(node))
        self._count += 1
        if self._count > MAX_NODES or len(key_path) > MAX_DEPTH:
            self._error(node, "fichier trop volumineux ou trop imbriqué pour être une fiche.", ())
            self.fatal = True
            return None
        self.positions[key_path] = Pos(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._error(node, f"étiquette YAML « {node.tag} » non acceptée.", key_path)
                return None
            return [self.build(item, (*key_path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, key_path)

    def _mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[str, Any] | None:
        if node.tag != _MAP:
            self._error(node, f"étiquette YAML « {node.tag} » non acceptée.", key_path)
            return None
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._error(
                    key_node,
                    "clé de fusion YAML « << » non acceptée : écrivez les clés en entier.",
                    key_path,
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node, "une clé doit être un simple mot.", key_path)
                continue
            key = key_node.value
            if self._invisible(key_node, key_path, key=True):
                continue
            if key_node.tag != _STR:
                self._error(
                    key_node,
                    f"la clé « {key} » n'est pas lue comme un mot par YAML : "
                    f'mettez-la entre guillemets ("{key}").',
                    key_path,
                )
                continue
            child = (*key_path, key)
            key_line = key_node.start_mark.line + 1
            if key in first_seen:
                self._error(
                    key_node,
                    f"clé « {key} » en double (déjà présente ligne {first_seen[key]}) : "
                    "gardez une seule des deux.",
                    child,
                )
                continue
            first_seen[key] = key_line
            self.key_positions[child] = Pos(key_line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

    def _invisible(self, node: yaml.ScalarNode, key_path: KeyPath, *, key: bool) -> bool:
        """Report an invisible character written as an escape ("\\x07", "\\e", "\\r"…).

        Only double quotes can produce one: raw ones were refused before parsing.
        """
        if node.style != '"':
            return False
        match = (_INVISIBLE_KEY if key else _INVISIBLE_VALUE).search(node.value)
        if match is None:
            return False
        where = "la clé" if key else "la valeur"
        self._error(
            node,
            f"{describe_char(match.group())} dans {where}, écrit par une séquence "
            "d'échappement entre guillemets : supprimez ce caractère.",
            key_path,
        )
        return True

    def _scalar(self, node: yaml.ScalarNode, key_path: KeyPath) -> Any:
        self.scalars[key_path] = Scalar(node.value, node.style in ("'", '"'))
        tag = node.tag
        if tag == _STR:
            self._invisible(node, key_path, key=False)
            return node.value
        if tag == _NULL:
            return None
        if tag == _TIMESTAMP:
            # Dates are parsed by the model from the text as written, so an impossible
            # date gets our message instead of a PyYAML exception.
            return node.value
        try:
            if tag == _INT:
                return self._constructor.construct_yaml_int(node)
            if tag == _FLOAT:
                return self._constructor.construct_yaml_float(node)
            if tag == _BOOL:
                return self._constructor.construct_yaml_bool(node)
        except (ValueError, yaml.YAMLError):
            return node.value
        self._error(node, f"étiquette YAML « {tag} » non acceptée.", key_path)
        return None
