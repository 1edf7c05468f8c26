"""The text scanner: ONE multi-pattern pass per file, then exact extraction only where it hit.

Design (measured in the reference performance notes, §4 and §8): a Hyperscan
database holds every anchor pattern, compiled caseless with
``HS_FLAG_SINGLEMATCH`` in block mode, so one scan of a file's bytes says
which patterns occur in it and nothing more (about 0.7x ripgrep's time).
Files without a hit, nearly all of them, cost that scan and nothing else.
Only for the patterns that hit, in the files they hit, Python ``re`` finds
every occurrence on the lower-cased bytes (same offsets: ``bytes.lower`` only
touches ASCII), and each is expanded, shaped, resolved and given a role.
Where Hyperscan cannot be imported, plain ``re`` per pattern does the first
pass too: same results, slower.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

import yaml

from weightclear.discovery import contexts, kinds, notebook, patterns
from weightclear.discovery.base import NOTHING, FileContext, FileFindings
from weightclear.discovery.engine import MultiPattern as MultiPattern
from weightclear.discovery.engine import hyperscan as hyperscan
from weightclear.discovery.roles import RoleContext, Syntax, spaced_name_role, syntax_for
from weightclear.discovery.walk import is_binary
from weightclear.model import Location, Reference, Resolution, Role, ScanIssue

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase

Resolver = Callable[[str, "KnowledgeBase"], Resolution]
_Decision = tuple[str, str, "Resolution | None"]  # what a token names: text, kind, resolution


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: extensions of files that are text by intent: binary or undecodable content there is reported
TEXT_EXTENSIONS = _words(
    "py pyi ipynb md markdown mdx rst txt json jsonc yaml yml toml ini cfg conf env sh bash zsh ps1 "
    "bat js mjs cjs ts tsx jsx vue svelte go rs java kt scala c h cc cpp hpp cs swift rb php r jl "
    "lua dart html htm xml tf hcl properties gradle sql dockerfile modelfile tpl j2 jinja template"
)
TEXT_NAMES = frozenset({"dockerfile", "modelfile", "makefile", "procfile", "containerfile", "justfile"})
# Lists of paths a tool leaves out (`.gitignore`: `models/gemma4/`): folder names, never a model in use.
IGNORE_LISTS = _words("gitignore dockerignore npmignore gitattributes prettierignore eslintignore")
#: extensions of files that are never text; they are left to the artefact scanners
BINARY_EXTENSIONS = _words(
    "gguf safetensors bin pt pth ckpt onnx h5 pb tflite msgpack npz npy pkl pickle joblib model png "
    "jpg jpeg gif webp bmp ico svgz tiff pdf zip gz tgz bz2 xz zst 7z tar whl egg jar so dll dylib "
    "o a exe class pyc woff woff2 ttf otf eot mp3 mp4 wav ogg flac mov avi webm parquet arrow db "
    "sqlite sqlite3 lance index faiss"
)
_YAML_ALIAS = re.compile(rb"(?:^|[\s\[{,:-])\*[A-Za-z0-9_.-]+")
MAX_COLUMN_DECODE = 4096
MAX_YAML_ALIASES = 100  # billion-laughs guard, checked before the YAML parser allocates anything
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A licence named on the line before a token (`licence = "llama-3.1"`, `license: llama3.1`, "under the
# llama-3.1 licence"): a licence id there is the licence, while in a list of models it is a model.
_LICENCE_WORD = re.compile(rb"licen[cs]", re.I)
_SIZED = re.compile(r"(?<![a-z0-9])(?:\d+x)?\d+(?:\.\d+)?[bm](?![a-z0-9])")  # a size in a lower-cased name


def _names_licence(data: bytes, lo: int) -> bool:
    start = data.rfind(b"\n", 0, lo) + 1
    end = data.find(b"\n", lo)
    return _LICENCE_WORD.search(data, start, len(data) if end < 0 else end) is not None


def extension(rel_path: str) -> str:
    """The lower-case extension of a path, or the lower-case name for Dockerfile-like names."""
    name = rel_path[rel_path.rfind("/") + 1 :].lower()
    dot = name.rfind(".")
    if dot > 0 and not name.startswith((".env", "dockerfile.", "modelfile.")):
        return name[dot + 1 :]
    if name in TEXT_NAMES or name.startswith((".env", "dockerfile.", "modelfile.")):
        return name.split(".", 1)[0] or "env"
    return name[1:] if dot == 0 else ""


class TextScanner:
    """Model names in text files of every kind (code, configs, manifests, notebooks, prose)."""

    name = "text"
    binary_body = False  # binary content is dropped (an issue on a text extension): the first block tells

    def __init__(self, kb: KnowledgeBase | None = None, *, resolver: Resolver | None = None) -> None:
        self.anchors = patterns.anchors(kb)
        self._finders = [re.compile(a.regex.encode()) for a in self.anchors]
        self._engine: MultiPattern | None = None
        self.resolver = resolver
        self._resolved: dict[str, Resolution | None] = {}
        self._decided: dict[tuple[bytes, bool], _Decision | None] = {}
        self._last = ("", "")  # the path wants() saw last, and its extension
        self._licence_id_kb: KnowledgeBase | None = None
        self._licence_id_set: frozenset[str] = frozenset()

    @property
    def engine(self) -> MultiPattern:
        """This scanner's own first pass, for scan() alone (discover() runs one pass for all scanners)."""
        if self._engine is None:
            self._engine = MultiPattern([a.regex for a in self.anchors])
        return self._engine

    def wants(self, rel_path: str, size: int) -> bool:
        """Every file that is not binary by its extension, nor a list of paths a tool ignores."""
        ext = extension(rel_path)
        self._last = (rel_path, ext)  # scan_bytes() of the same path follows: no second extension()
        return ext not in BINARY_EXTENSIONS and ext not in IGNORE_LISTS

    def prefilter(self, kb: KnowledgeBase) -> tuple[str, ...]:
        """The anchor regexes (built from the knowledge base this scanner was made with)."""
        del kb
        return tuple(a.regex for a in self.anchors)

    def scan(self, ctx: FileContext, kb: KnowledgeBase) -> FileFindings:
        """References in one file; binary or undecodable text files become issues."""
        return self.scan_bytes(ctx.rel_path, ctx.size, ctx.data, kb)

    def scan_bytes(
        self,
        rel_path: str,
        size: int,
        data: bytes | None,
        kb: KnowledgeBase,
        hits: Sequence[int] | None = None,
    ) -> FileFindings:
        """The same as scan() without a FileContext; ``hits``: the anchors discover's one pass found."""
        last_path, ext = self._last
        if last_path is not rel_path:
            ext = extension(rel_path)
        is_text = ext in TEXT_EXTENSIONS or ext in TEXT_NAMES or ext == "env"
        if not is_text and hits is not None and not hits:
            return NOTHING  # the checks below only report on text files; this one has no anchor
        if data is None:
            return _issue(rel_path, f"too large to scan ({size:,} bytes)") if is_text else NOTHING
        if is_binary(data):
            return _issue(rel_path, "binary content in a text file") if is_text else NOTHING
        if not data.isascii():
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                return _issue(rel_path, f"not valid UTF-8 (byte {exc.start})") if is_text else NOTHING
        hit = list(hits) if hits is not None else self.engine.hits(data)
        if not hit:
            return NOTHING
        if ext == "ipynb":
            return self._scan_notebook(rel_path, data, hit, kb)
        refs = self._references(data, hit, syntax_for(rel_path, data[:64]), rel_path, kb, line_base=1)
        if not refs:
            return NOTHING
        problem = _structure_problem(data, ext, rel_path)
        issues = (ScanIssue(path=rel_path, message=problem[0], line=problem[1]),) if problem else ()
        return FileFindings(references=tuple(refs), issues=issues)

    def _scan_notebook(self, rel_path: str, data: bytes, hit: list[int], kb: KnowledgeBase) -> FileFindings:
        try:
            cells = notebook.read_cells(data.decode("utf-8-sig"))
        except notebook.NotebookError as exc:
            return FileFindings(issues=(ScanIssue(path=rel_path, message=str(exc), line=exc.line),))
        refs: list[Reference] = []
        in_file = set(hit)
        for cell in cells:
            source = cell.source.encode()
            # One engine pass per cell (not a search per anchor), kept to the anchors the file's pass found.
            cell_hits = [i for i in self.engine.hits(source) if i in in_file] if source else []
            if not cell_hits:
                continue
            syntax = Syntax.PYTHON if cell.cell_type == "code" else Syntax.PROSE
            base = cell.first_line
            found = self._references(source, cell_hits, syntax, rel_path, kb, line_base=base or 1)
            refs += found if base else [_without_line(r) for r in found]
        return FileFindings(references=tuple(refs))

    def _references(
        self, data: bytes, hit: list[int], syntax: Syntax, rel_path: str, kb: KnowledgeBase, *, line_base: int
    ) -> list[Reference]:
        roles: RoleContext | None = None
        refs: list[Reference] = []
        shown: set[int] = set()  # the text of an element (`<a href="...">gpt-oss-20b</a>`): no echo
        line, line_start, pos = line_base, 0, 0
        decided = self._decided
        code = syntax in (Syntax.PYTHON, Syntax.SLASH)
        for lo, hi, at, strong in self._tokens(data, hit):
            key = (data[lo:hi], strong)
            decision = decided[key] if key in decided else self._decide(key, kb)
            # The context is read only for a token that names a model: about three hits in four do not.
            if decision is None or contexts.not_a_model(data, at, hi):
                continue
            if code and contexts.code_symbol(data, at, hi):
                continue
            text, kind, resolution = decision
            licence_id = kind == kinds.OLLAMA_TAG and text.lower() in self._licence_ids(kb)
            if licence_id and _names_licence(data, lo):
                continue  # `licence: llama-3.1`: our own licence id, not Ollama's llama3.1
            newlines = data.count(b"\n", pos, lo)
            if newlines:
                # Search back only to the previous hit: on a one-line file (minified JS, a JSON vocab)
                # searching from 0 for every hit would be quadratic.
                line += newlines
                line_start = data.rfind(b"\n", pos, lo) + 1
            pos = lo
            roles = roles or RoleContext(data, syntax, markup=rel_path.endswith((".jsx", ".tsx")))
            # "Llama 3.1" with a space is how prose names a model, but for a model key's whole value
            spaced = spaced_name_role(data, lo, hi) if " " in text else None
            role = spaced or roles.role_at(lo)
            if role is Role.USE and kind == kinds.GGUF_FILE and contexts.unloaded_gguf(data, at, hi):
                continue
            ref = Reference(
                location=Location(path=rel_path, line=line, column=_column(data, line_start, lo)),
                text=text,
                kind=kind,
                role=role,
                resolution=resolution,
            )
            refs.append(ref)
            if data[lo - 1 : lo] == b">" or data[hi : hi + 2] == b"](":
                shown.add(id(ref))  # an element's or a Markdown link's text: what the page shows, no echo
        return _drop_echoes(refs, shown) if refs else refs

    def _licence_ids(self, kb: KnowledgeBase) -> frozenset[str]:
        if self._licence_id_kb is not kb:
            self._licence_id_kb, self._licence_id_set = kb, frozenset(lid.lower() for lid in kb.licences)
        return self._licence_id_set

    def _tokens(self, data: bytes, hit: list[int]) -> list[tuple[int, int, int, bool]]:
        """Every distinct id-like token around a hit, sorted by position: (start, end, at, strong), where
        ``at`` is where its context is read (see ``patterns.token_at``)."""
        lower = data.lower()
        anchors, finders = self.anchors, self._finders
        found = sorted(
            (start, end, anchors[pattern_id].strong)
            for pattern_id in hit
            for start, end in _spans_of(finders[pattern_id], lower)
            if anchors[pattern_id].starts(data, lower, start)
        )
        spans: list[tuple[int, int, int, bool]] = []
        for start, end, strong in found:
            if spans and start < spans[-1][1]:
                # a second keyword inside the token just expanded (DeepSeek-R1-Distill-Llama): same token
                lo, hi, at, was_strong = spans[-1]
                spans[-1] = (lo, hi, at, was_strong or strong)
                continue
            spans.append((*patterns.token_at(data, start, end), strong))
        return spans

    def _decide(self, key: tuple[bytes, bool], kb: KnowledgeBase) -> _Decision | None:
        """What a token names: (text, kind, resolution), or None when it is dropped.

        The same tokens recur across a tree (imports, ids), so the whole decision
        (shaping runs a dozen regexes, resolution more) is made once per token.
        """
        raw, strong = key
        decision: _Decision | None = None
        shaped = patterns.shape(raw.decode("ascii", "replace"), strong=strong)
        if shaped is not None:
            text, kind = shaped
            resolution = self._resolve(text, kb)
            # Without a digit (org/Name, a folder path) only the catalogue can say it is a model.
            keep_unresolved = strong and patterns.is_versioned(text)
            if keep_unresolved or (resolution is not None and resolution.model_id is not None):
                decision = (text, kind, resolution)
        self._decided[key] = decision
        return decision

    def _resolve(self, text: str, kb: KnowledgeBase) -> Resolution | None:
        if self.resolver is None:
            return None
        if text not in self._resolved:
            self._resolved[text] = self.resolver(text, kb)
        return self._resolved[text]


def _spans_of(finder: re.Pattern[bytes], lower: bytes) -> list[tuple[int, int]]:
    return [m.span() for m in finder.finditer(lower)]


def _column(data: bytes, line_start: int, offset: int) -> int:
    """1-based column in characters (in bytes past MAX_COLUMN_DECODE: decoding long lines is quadratic)."""
    if offset - line_start > MAX_COLUMN_DECODE:
        return offset - line_start + 1
    return len(data[line_start:offset].decode("utf-8", "replace")) + 1


def _drop_echoes(refs: list[Reference], shown: set[int]) -> list[Reference]:
    """Drop a bare name that follows an org/name id on its line and starts with the id's name part.

    ``model_id, out = "meta-llama/Llama-3.2-3B", "Llama-3.2-3B-SFT"``: the
    second is an output folder named after the model, not a second model. A
    bare name written before the id is kept: ``ollama.copy('gemma3',
    'user/gemma3')`` names two models, a Markdown link's text names the model of
    the URL that follows it, and an HTML link's text (``shown``, ids of references) the URL before it.
    """
    if not any("/" in ref.text for ref in refs):
        return refs
    # Walk each line's references by column, keeping the name parts of the ids seen so far: a
    # bare name is checked against its own prefixes, not against every id (a one-line catalogue
    # holds thousands of ids, and a pairwise check was quadratic in them).
    by_line: dict[int | None, list[Reference]] = {}
    for ref in refs:
        by_line.setdefault(ref.location.line, []).append(ref)
    echoes: set[int] = set()
    for line_refs in by_line.values():
        seen: set[str] = set()
        longest = 0
        ordered = sorted(line_refs, key=lambda r: r.location.column or 0)
        for _at, group in groupby(ordered, key=lambda r: r.location.column or 0):
            group_refs = list(group)
            for ref in group_refs:  # an id counts only for names that come after it
                text = ref.text.lower()
                if id(ref) in shown or "/" in text:
                    continue
                prefixes = (text[:n] for n in range(min(len(text), longest) + 1))
                echoed = next((prefix for prefix in prefixes if prefix in seen), None)
                # an id with no size (`google/gemma-3`, a family's page) has no echo with a size of its own
                if echoed is not None and not (_SIZED.search(text) and not _SIZED.search(echoed)):
                    echoes.add(id(ref))
            for ref in group_refs:
                if "/" in ref.text:
                    name = ref.text.rsplit("/", 1)[-1].lower()
                    seen.add(name)
                    longest = max(longest, len(name))
    return [r for r in refs if id(r) not in echoes]


def _issue(rel_path: str, message: str) -> FileFindings:
    return FileFindings(issues=(ScanIssue(path=rel_path, message=message),))


def _without_line(ref: Reference) -> Reference:
    return Reference(
        location=Location(path=ref.location.path),
        text=ref.text,
        kind=ref.kind,
        role=ref.role,
        resolution=ref.resolution,
    )


def _structure_problem(data: bytes, ext: str, rel_path: str) -> tuple[str, int | None] | None:
    """For a JSON or YAML file that names a model: why it does not parse, if it does not.

    Only files with a reference are parsed (parsing every YAML file would cost
    more than the whole scan); a broken file that names no model changes nothing.
    """
    if ext == "json":
        try:
            json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
            return f"malformed JSON: {getattr(exc, 'msg', exc)}", line
        except RecursionError:
            return "malformed JSON: nested too deeply", None
        return None
    if ext in ("yaml", "yml") and b"{{" not in data and "/templates/" not in f"/{rel_path}":
        if len(_YAML_ALIAS.findall(data)) > MAX_YAML_ALIASES:
            return f"YAML with more than {MAX_YAML_ALIASES} aliases: not parsed", None
        try:
            for _ in yaml.load_all(data, Loader=_YAML_LOADER):
                pass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            return f"malformed YAML: {getattr(exc, 'problem', None) or exc}", mark.line + 1 if mark else None
    return None
