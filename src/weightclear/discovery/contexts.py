"""What the bytes around a name say about it: the context rules of the text scanner.

A token cut out around a family keyword is only a candidate; the line it sits
on, and for YAML the mapping it belongs to, often say it names no model: the
value of a setting (a chat template, an output folder, a served alias), a
resource named after the model it runs (a Kubernetes object's name or labels,
a deployment's ``name``), a Makefile target, a piece of a URL, or a file picked
from a repository already named. Others say a bare word *is* a model: an
Ollama tag where Ollama runs it. Each rule reads at most a few lines around
the hit, and only when a cheap test on the bytes just before it calls for it:
this runs for every hit of every scanned file.
"""

from __future__ import annotations

import re
import string

from weightclear.discovery import kinds, roles

# A model (an org/name id or a versioned name) under a model key, on the same line as a `name` value or
# the next one: `"model_id": "mistralai/..."`, `model_name: "Llama2-7b"`.
_SIBLING_MODEL = re.compile(
    rb"[^\n]*(?:\n[^\n]*)?(?<![\w-])(?:model|model_id|model_name|base_model|modelId|model-id)[\"']?\s*[:=]\s*"
    rb"[\"']?[\w.-]*(?:/[\w.-]|\d)"
)
# A `base_model` key in the same record a few lines down: the record is a model trained on that base.
_BASE_MODEL_RECORD = re.compile(
    rb"[^\n]*(?:\n(?![ \t]*-[ \t])[^\n]*){0,6}?"
    rb"(?<![\w-])base_model[\"']?\s*[:=]\s*[\"']?[\w.-]*(?:/[\w.-]|\d)"
)
# A model key in the same record a few lines down (not past the next list item): `modelURL:`, `model_id:`.
_RECORD_MODEL = re.compile(
    rb"[^\n]*(?:\n(?![ \t]*-[ \t])[^\n]*){0,6}?"
    rb"(?<![\w-])(?:model|base_model)(?:[_-]?(?:id|name|url|uri|path))?[\"']?\s*[:=]\s*[\"']?"
    rb"([\w.-]*(?:/[\w.-]|\d)[\w./:-]*)",
    re.IGNORECASE,
)
# Settings whose value is never a model the product runs, though it is often named after one: chat
# templates (`template: llama3`), output and results folders (`output_dir: llama3-8b-sft`, a leaderboard's
# `dirname: 2024-12-04--qwq-alone`), run, job or endpoint names and a served alias
# (`"alias": "qwen3-8b-chat"`, a name the operator gives the model).
_SETTING_KEY = re.compile(
    rb"(?:^|[^A-Za-z0-9])(template|template[_-]name|sep[_-]style|schema[_-]type|output[_-]dir|output[_-]path|out[_-]dir|"
    rb"save[_-]dir|save[_-]path|logging[_-]dir|run[_-]name|job[_-]name|experiment[_-]name|endpoint[_-]name|"
    rb"exp[_-]name|project[_-]name|trial[_-]name|wandb[_-]group|wandb[_-](?:run[_-])?name|work[_-]dir|"
    # a chat format picked by its family (axolotl's `conversation: llama3`, `--model_family llama3`)
    rb"conversation|model[_-]family|"
    # a file the script writes (`--predicted_out_filename output/pred/pred_codellama13b.sql`)
    rb"out(?:put)?[_-]file(?:name)?|"
    # OpenCompass's `abbr`, the name a model's results are shown under
    rb"abbr|"
    rb"ep[_-]name|wandb[_-]project|alias|dir[_-]?name|folder[_-]?name|results?[_-]dir|log[_-]dir|(?:custom|new|output|fine[_-]?tuned)[_-]model(?:[_-]name)?|hub[_-]model[_-]id|"
    # a data set, often named after the model it was made for (`dataset_name = "org/guanaco-llama2-1k"`)
    rb"dataset(?:[_-](?:name|id|path|mixer(?:[_-]list)?))?|dest(?:ination)?[_-]repo|workspace|"
    # prompt formats (`--prompt_type=llama2`), served aliases, output parsers (`--tool-call-parser`) and the
    # calls that write a model out (`model.save_pretrained("llama-3-8b-ft")`, `push_to_hub("user/x")`)
    rb"prompt[_-]type|chat[_-]format|served[_-]model[_-]names?|parser|save_pretrained\w*|push_to_hub\w*|"
    rb"save_model|"
    # a converted or merged copy a script writes (`--mlx-path mlx/Qwen2.5-7B`, `export_dir: models/x-merged`)
    rb"mlx[_-]path|export[_-]dir|save_quantized|"
    # compose profiles, a group of services to start (`profiles: ["llama-8b"]`)
    rb"profiles|container[_-]name|"
    # an account's name, on a game ladder or a chat service (`"username": "PAC-LLM-qwen3-8b"`)
    rb"user[_-]?name|login|account[_-]?name)$",
    re.IGNORECASE,
)
# The key of an architecture or format field, right before its value (an id with an org is not one);
# torchchat's `transformer_params_key` picks the architecture's parameter set, not weights; Ollama's
# `details` give a model's architecture as a bare `family` (`"family": "gemma4"`; `llm_family` is not it).
_ARCH_KEY = re.compile(
    rb"(?:^|[\s{,\"'.(])(?:(?:[a-z]+_)*(?:type|arch|architecture|style|params_key)|family)[\"']?\s*"
    rb"(?:[:=]|[=!]=)\s*[\"']?$"
    # the same field read and compared (`getattr(config, "model_type", None) == "gemma2"`)
    rb"|_type[\"']\s*(?:,\s*\w+\s*)?\)\s*[=!]=\s*[\"']$"
)
# A bare `version` key (not `model_version`) right before its quoted value.
_VERSION_KEY = re.compile(rb"(?:^|[\s{,(.])[\"']?version[\"']?\s*[:=]\s*[\"']$")
# The word after a model's name that makes it the name of a licence or a prompt format instead.
_NAMES_A_FORMAT = re.compile(
    rb"(?:community\s+)?licen[cs]e|(?:chat\s+|prompt\s+)?(?:format|template)\b|ring[ _]attention\b", re.I
)
# A name in a code span that prose calls a folder or a project (the `llama-3.2-webgpu` folder); a path
# (`checkpoints/microsoft/phi-2` directory) holds a model's weights and still names it.
_CODE_SPAN_FOLDER = re.compile(rb"` (?:sub)?(?:folder|directory|project|repo|repository|package)\b", re.I)
# A registry path of variables before a tagged name (`${_LOCATION}-docker.pkg.dev/${PROJECT_ID}/${_REPO}/x/`).
_UNDER_VARIABLE = re.compile(rb"\}/?(?:[\w.-]+/)?$")
_IMAGE_TAGGED = re.compile(rb":[\w.-]+$")  # `name:tag`, not a mount's `host-path:/container-path`
# The quantised model's path: an output folder when bare, the model an inference script loads when an
# org/name (`quant_path = "TheBloke/Mistral-7B-Instruct-v0.2-AWQ"`).
_QUANT_OUTPUT = re.compile(
    rb"(?<![\w])quant(?:ized)?[_-]?(?:model[_-])?(?:path|dir|name)[\"']?\s*[:=]\s*[\"']?$", re.I
)
_MAPS_TO_CLASS = re.compile(
    rb"[\"']\s*:\s*[A-Z]\w*?(?:Config|Model|Tokenizer|Class|Normalizer|GPTQ|AWQ|Utils|Formatter|Handler|"
    rb"Wrapper|Parser)\w*"
    rb"(?:\(\))?\s*[,}\n]"  # or an instance of one (`"llama3": Llama3ToolUtils(),`)
)
# A name paired with an enum constant of formats in a C or C++ table, after it or before it (llama.cpp's
# `{ "llama2", LLM_CHAT_TEMPLATE_LLAMA_2 },`, `{ LLM_ARCH_QWEN2, "qwen2" },`,
# `{ PROJECTOR_TYPE_GEMMA3, "gemma3"}`)
_FORMAT_CONSTANT = (
    rb"[A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*?(?:TEMPLATE|ARCH|PROJECTOR|TYPE|FORMAT|VOCAB|PRE)(?:_[A-Z0-9_]*)?"
)
_PAIRED_CONSTANT_AFTER = re.compile(rb"[\"']\s*,\s*" + _FORMAT_CONSTANT + rb"\s*\}")
_PAIRED_CONSTANT_BEFORE = re.compile(rb"\{\s*" + _FORMAT_CONSTANT + rb"\s*,\s*[\"']$")
# A point release or a size names one model, never an architecture (camel's `model_type="llama3.2"`); a
# parameter set's key (`transformer_params_key: Meta-Llama-3-8B`) is one whatever it spells.
_RELEASE = re.compile(rb"\d\.\d|\d[bB](?![a-zA-Z])|:")
_BIBTEX_ENTRY = re.compile(rb"@[A-Za-z]+\{$")
_URL_QUERY = re.compile(rb"https?://[^\s\"'<>()\[\]]*[?&][\w.-]*=$")
_SETTING_PATH_CHARS = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/${}~"
_SERVED_NAME = re.compile(rb"--model[_-]name[= ]$")
_MODEL_SOURCE_ARG = re.compile(rb"--model[_-](?:id|dir)\b")
_OPTION_VALUE_KEY = re.compile(rb"[\"']value[\"']\s*:\s*[\"']$")
_PARSER_KEY = re.compile(rb"[\"'](?:key|name|id)[\"']\s*:\s*[\"'][^\"']*(?:parser|template)", re.I)
_KEY_TAIL = re.compile(rb"[A-Za-z0-9_-]+$")
# The value of a bare `name` key (not `model_name`): `name: "llama3"`, `"name": "mistral-7b"`, `- name: x`.
_NAME_KEY = re.compile(rb"(?:^|[\s{,\"'])name[\"']?\s*[:=]\s*[\"']?$", re.IGNORECASE)
# A file picked from a repository (hf_hub_download, llama-cpp-python, llama.cpp's --hf-file) and the repo key.
_FILE_KEY = re.compile(
    rb"(?:file[_-]?name|hf[_-]file|gguf[_-]file|model[_-]file)[\"']?\s*[:= ]\s*[\"']?$", re.I
)
# Where a GGUF file's name is the model a program loads: a model / file / path setting (`model:`,
# `Model=`, `model_path=`, `- filename:`), a `-m` / `--model` argument, a call's first argument, a Modelfile
# `FROM`. Elsewhere (a list of files to fetch, a mount target) it is a file name, and names no model.
_GGUF_LOADED = re.compile(
    rb"(?:(?:model|file|path|gguf)[\w-]*[\"']?\]?\s*[:=]\s*|(?:^|\s)-(?:m|-model[\w-]*|hff|-hf-file)[\s=]+|"
    # an XML element (`<LocalFileName>`, `<ModelPath>`) and a path joined to a folder (`Path.Combine(dir, "`)
    rb"<\w*(?:model|file|path|gguf)\w*>|\b(?:combine|join)\([^()\n]*,\s*|"
    rb"\(\s*|\bFROM\s+)[\"']?"
    # the folders in front of the file (`"ModelPath": "..\\Models\\llama-2-7b-chat.Q4_0.gguf"`)
    rb"(?:[\w.~$%{}-]*[\\/]+)*$",
    re.IGNORECASE,
)
# A URI or a URL without its scheme (`huggingface://org/x/f.gguf`, `hf.co/org/x/resolve/main/f.gguf`), or
# node-llama-cpp's Hub URI (`hf:org/x/f.gguf`).
_URI_LEAD = re.compile(rb"[a-z][\w+.-]*://|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/|hf:(?=[\w-]+/)", re.IGNORECASE)
# A select option's display text (`{"label": "Llama3 JSON", "value": "llama3_json"}`): the value, on its
# line or the next, is what the option sets; the label is text a person reads.
_OPTION_LABEL = re.compile(rb"[\"']?label[\"']?\s*:\s*[\"']$")
_OPTION_VALUE = re.compile(rb"[^\n]*(?:\n[^\n]*)?[\"']value[\"']\s*:")
# A dataclass field (`new_model: str = field(`) whose `default=` is on the lines after it.
_FIELD_OPEN = re.compile(rb"(\w+)\s*:[^=\n]*=\s*field\(\s*$")
_FLAG_OPEN = re.compile(rb"add_argument\(\s*[\"']-{1,2}([\w-]+)[\"']")
_REPO_KEY = re.compile(rb"\b(?:repo[_-]?id|hf[_-]repo|repo)[\"']?\s*[:=\s]", re.I)
# A YAML block key alone on its line (`metadata:`, `model:`), and the mappings whose `name` is a model's.
_BLOCK_KEY = re.compile(rb"([A-Za-z_][\w.-]*)\s*:\s*(?:#.*)?\r?$")
_MODEL_PARENTS = frozenset({b"model", b"llm", b"base_model", b"basemodel", b"create", b"preset"})
_RUN_PARENTS = frozenset({b"wandb", b"mlflow", b"tensorboard", b"comet", b"experiment"})
_YAML_VALUE = re.compile(rb"\s*([\w./-]+)\s*:\s+[\"']?$")
_LABEL_PARENTS = frozenset({b"labels", b"matchlabels", b"selector", b"annotations", b"nodeselector"})
_CREATE_ITEM = re.compile(rb"\bcreate\s*:\s+-\s+name\s*:\s*[\"']?$", re.IGNORECASE)
# The rest of a Makefile rule's line (its prerequisites), then a tab-indented recipe line.
_RECIPE_NEXT = re.compile(rb"[^\n:=]*\r?\n\t")
_SIZE = re.compile(rb"(?<![a-z])\d+(?:\.\d+)?[bm](?![a-z])|\d+x\d+b", re.IGNORECASE)
# A point release (`deepseek-v3.2`) or a release dated month and day (`deepseek-v3-0324`).
_POINT_RELEASE = re.compile(
    rb"[a-z]-?v?\d{1,2}\.\d{1,2}(?![\d.])|[a-z]\d?-(?:0[1-9]|1[0-2])[0-3]\d(?!\d)", re.IGNORECASE
)
# Where Ollama runs a tag named without a digit: the CLI, a Modelfile, the Python and JS clients.
_OLLAMA_BEFORE = re.compile(
    rb"\bollama\s+(?:pull|run)\s+$|^\s*FROM\s+$|"
    rb"\b\w*ollama(?:\.\w+|\w*)\((?:[^()]*\bmodel\s*[=:]\s*)?[\"']$|"  # ollama.chat(, ChatOllama(
    rb"\b\w*ollama\w*model\w*[\"']?\s*[=:]\s*[\"']?$",  # OLLAMA_MODEL=, ollama_chat_model:
    re.IGNORECASE,
)
_FROM = re.compile(rb"\s*FROM\s", re.IGNORECASE)
_PY_IMPORT = re.compile(rb"[\w.]+[ \t]+import\b")
_REQUEST_MODEL = re.compile(rb"[\"']model[\"']\s*:\s*[\"']$")
_LIST_ITEM = re.compile(rb"^\s*#?\s*(-)\s+[\"']?$")
_LIST_LINE = re.compile(rb"^\s*#?\s*-\s+\S")
_INLINE_LIST = re.compile(rb"\b(?:pull|run)\s*:\s+(?:-\s+[\w.:/-]+\s+)*(-)\s+[\"']?$", re.IGNORECASE)
_LIST_KEY = re.compile(rb"^\s*#?\s*(?:pull|run|models)\s*:\s*$", re.IGNORECASE)
_TUPLE_TARGET = re.compile(rb"\w,\s*$")
# An editor's list of extensions (`"extensions": ["vizards.deepseek-v4-for-copilot"]`): publisher.name ids.
_EXTENSION_LIST = re.compile(rb"[\"'](?:extensions|recommendations)[\"']\s*:\s*\[[^\]]*$")
# A Go struct literal's `Name` field (`{Name: "llama3.1", FunctionCalling: true}`): a list of models.
_GO_NAME_FIELD = re.compile(rb"\{\s*Name:\s*\"$")
# Ollama's model API, where a request's `name` is the model (`/api/pull -d '{"name": "phi4"}'`).
_OLLAMA_MODEL_API = re.compile(rb"/api/(?:pull|push|show|delete|copy|create)\b")
# The version right after a name, as package.json, pyproject.toml and an extension's manifest give it.
_PACKAGE_VERSION = re.compile(rb"[\"']?\s*,?\s*[\"']?version[\"']?\s*[:=]\s*[\"']v?\d+\.\d+\.\d+")


def _line_before(data: bytes, lo: int) -> tuple[int, bytes]:
    """Where the line holding ``lo`` starts (at most 200 bytes back), and its bytes before ``lo``."""
    line_start = data.rfind(b"\n", max(0, lo - 200), lo) + 1
    start = max(line_start, lo - 200)
    return start, data[start:lo]


def _is_resource_name(data: bytes, lo: int, hi: int, start: int, before: bytes) -> bool:
    """True for the value of a bare ``name`` key that carries no size: what a deployment, an adapter,
    a container or a run is called (``name: "llama3"``, ``name: gemma2-a``), not the model it serves.
    A name with a size (``"name": "Mixtral-8x7b-Instruct-v0.1"``), an org (``org/name``) or a tag
    (``qwen3:8b``) still names a model. Ollama's own lists (``{Name: "llama3.2"}``) lose their bare
    names to this rule: the price of not reporting every deployment called ``llama3``."""
    token = data[lo:hi]
    if b"/" in token or b":" in token:
        return False  # an org/name id or an Ollama tag (`{"name": "qwen3:8b"}` in its API)
    if not _NAME_KEY.search(before) or _OLLAMA_MODEL_API.search(before):
        return False
    if _GO_NAME_FIELD.search(before):
        return False  # a Go struct literal's `{Name: "llama3.1", ...}`: a list of models, not a deployment
    if _PACKAGE_VERSION.match(data, hi, hi + 80):
        return True  # a package's or an app's own name (`"name": "llama-3.2-webgpu",` over its `"version"`)
    # The mapping the `name` belongs to says what it names: a Kubernetes object's `metadata` (always a
    # resource, sized or not), a `model:` block (`model:\n  name: qwen3`, the model), or an Ollama
    # `create:` list (`- name: llama3.1-ctx32768`, a model Ollama builds).
    parent = _parent_key(data, start, before)
    if parent in _MODEL_PARENTS or _CREATE_ITEM.search(before):
        return False
    if parent is None and _in_model_array(data, start):
        return False  # an item of a code array of models (`model_options: [ { name: 'deepseek-r1' }, ...]`)
    if parent == b"metadata":
        return not _declares_model(data, start)
    if parent in _RUN_PARENTS:
        return True  # an experiment tracker's run name (`wandb:\n  name: grpo-llama3.2-1b-instruct-1n8g`)
    # a point release or a dated release (`deepseek-v3.2`, `deepseek-v3-0324`) names one model as a size does
    sized = _SIZE.search(token) or _POINT_RELEASE.search(token)
    record = None if sized else _RECORD_MODEL.match(data, hi, hi + 480)
    if record and record.group(1).lower() != token.lower():
        _remember_label(data, token)  # `- name: llama3` over `modelURL: meta-llama/...`: a record's label
        return True
    if parent == b"models" and record is None:
        return False  # an item of a `models:` list with no model key of its own (aichat's `- name: llama3.1`)
    # A sized name still names a model, unless its record names the model under a key of its own
    # next to it (`{"name": "mistral-7b", "model_id": "mistralai/..."}`): then it is the record's label.
    if sized and _BASE_MODEL_RECORD.match(data, hi, hi + 480):
        # a model the project trains, named after the base its record gives (ART's
        # `TrainableModel(name="llama-8b-007", base_model="meta-llama/...")`): that base is the reference
        return True
    if sized and before[:4].lower() == b"name":
        # A document's top-level `name` (a dstack run or service) over the model it runs, a few lines
        # down under a key of its own (`name: gpt-oss-120b` ... `model: openai/gpt-oss-120b`).
        record = _RECORD_MODEL.match(data, hi, hi + 480)
        if record and record.group(1).lower() != token.lower():
            return True
    return not sized or bool(_SIBLING_MODEL.match(data, hi, hi + 160))


# The opening of a code array whose key names models (`model_options: [`, `"models": [`), on its own line.
_MODEL_ARRAY_OPEN = re.compile(rb"\n[ \t]*[\"']?(\w*models?(?:_\w+)?)[\"']?\s*[:=]\s*\[[ \t]*(?=\n)", re.I)


def _in_model_array(data: bytes, start: int) -> bool:
    """True when the line at ``start`` is inside an array opened a few lines up under a models key, with no
    `]` between: its items are the models a program offers (`model_options: [\n  { name: 'x' },`)."""
    openings = list(_MODEL_ARRAY_OPEN.finditer(data, max(0, start - 2000), start))
    return bool(openings) and data.find(b"]", openings[-1].end(), start) < 0


# The labels of the records of the file being scanned (its bytes, by identity): hits come in file order.
_labels: tuple[bytes, set[bytes]] = (b"", set())


def _remember_label(data: bytes, token: bytes) -> None:
    """Keep a bare name a record took as its label (``- name: llama3`` with ``modelURL:`` under it):
    ``baseModel: llama3`` further down the same file refers to that record, not to a model."""
    global _labels
    if _labels[0] is not data:
        _labels = (data, set())
    _labels[1].add(token.lower())


def _is_label_value(data: bytes, start: int, before: bytes) -> bool:
    """True for a value among a Kubernetes object's labels, annotations or selector (``app: llama-3-8b``):
    what the object is called for lookups, not the model it runs. A label keyed ``model`` says the model."""
    value = _YAML_VALUE.match(before)
    if value is None or b"model" in value.group(1).lower():
        return False
    return _parent_key(data, start, before) in _LABEL_PARENTS


# Terraform's Kubernetes objects: `key = "value"` inside a block opened as `labels = {` or `metadata {`.
_HCL_VALUE = re.compile(rb"\s*([\w.-]+)\s*=\s*\"$")
_HCL_BLOCK = re.compile(rb"\s*([\w.-]+)\s*=?\s*(?:merge\(\s*)?\{\s*$")  # `labels = merge({` too
_HCL_NAMED = frozenset({b"metadata", b"container", b"init_container", b"volume", b"volume_mount", b"port"})


def _is_hcl_resource(data: bytes, line_start: int, before: bytes) -> bool:
    """True for a label, selector or annotation value of a Terraform Kubernetes object (``app =
    "mistral-7b-instruct"`` in ``labels = {``), or the ``name`` of its metadata or a container: what the
    object is called, not the model it runs. A key with ``model`` in it says the model."""
    value = _HCL_VALUE.match(before)
    if value is None or b"model" in value.group(1).lower():
        return False
    indent = len(before) - len(before.lstrip())
    end = line_start - 1
    for _ in range(8):  # the block's opening line is a few lines up
        if end <= 0:
            return False
        begin = data.rfind(b"\n", max(0, end - 200), end) + 1
        line = data[begin:end]
        end = begin - 1
        if line.strip() and len(line) - len(line.lstrip()) < indent:
            block = _HCL_BLOCK.match(line)
            if block is None:
                return False
            parent = block.group(1).lower()
            return (
                parent in _LABEL_PARENTS
                or parent == b"match_labels"
                or (value.group(1) == b"name" and parent in _HCL_NAMED)
            )
    return False


# The kinds of the Kubernetes objects that register a model under its own name (OME's ClusterBaseModel and
# BaseModel, llmaz's OpenModel): their `metadata.name` is the model's name, not a deployment's.
_YAML_KEY = re.compile(rb"[\w./-]+:(?:\s|$)")  # a mapping's `key:` (a sibling of the line being read)
_MODEL_KIND = re.compile(rb"^kind:[ \t]*[\"']?(?:Cluster)?(?:Base|Open)Model[\"']?[ \t]*\r?$", re.MULTILINE)


def _declares_model(data: bytes, line_start: int) -> bool:
    """True when the YAML document holding ``line_start`` is an object of a model kind."""
    begin = data.rfind(b"\n---", max(0, line_start - 4000), line_start) + 1
    end = data.find(b"\n---", line_start, line_start + 4000)
    return _MODEL_KIND.search(data, begin, end if end >= 0 else line_start + 4000) is not None


def _parent_key(data: bytes, line_start: int, before: bytes) -> bytes | None:
    """The YAML key of the mapping a ``name:`` line belongs to (lower case), looking up a few lines
    for the first one indented less; None for a name at the top or not in YAML's block style.

    Comments between records do not count, and the earlier items of the same list (or keys of the same
    mapping) send the search past them, so the tenth record of a long list still finds its list's key."""
    indent = len(before) - len(before.lstrip(b" -#"))
    commented = before.lstrip(b" ").startswith(b"#")
    item = before.lstrip(b" ")[:2] == b"- "
    item_indent = len(before) - len(before.lstrip(b" "))
    end = line_start - 1
    lines = 0
    for _ in range(300):  # a bound on the walk: a list of long records is read record by record
        if end <= 0 or lines >= 8:  # a record's `name` comes near its key; further up is another record
            return None
        newline = data.rfind(b"\n", max(0, end - 200), end)
        if newline < 0 and end > 200:
            # a line longer than that is not YAML's block style (and copying it per hit is quadratic)
            return None
        begin = newline + 1
        line = data[begin:end]
        end = begin - 1
        bare = line.lstrip(b" ")
        if not commented and bare.startswith(b"#"):
            continue  # a comment between records (`# Phi-2`, a tag history) is no key
        lines += 1
        if len(line) - len(bare) == item_indent and (bare[:2] == b"- " if item else _YAML_KEY.match(bare)):
            lines = 0  # an earlier item of the same list or key of the same mapping: the parent is further up
            continue
        stripped = line.lstrip(b" -#")
        if stripped.strip() and len(line) - len(stripped) < indent:
            key = _BLOCK_KEY.match(stripped)
            return key.group(1).lower() if key else None
    return None


# The block a training config lists its data sets under (`dataset_mixer:`, `datasets:`, `data_mixture:`):
# its keys and items are data sets, often named after the model they were made for.
_DATA_PARENT = re.compile(rb"(?:\w+[_-])?(?:datasets?|data|mixtures?|mixers?)(?:[_-]\w+)?")


def _is_dataset_entry(data: bytes, hi: int, start: int, before: bytes) -> bool:
    """True for a key (`allenai/uf_cleaned-olmo32: 1.0`) or an item of a training config's data-set block."""
    if data[hi : hi + 1] != b":" and before.strip() not in (b"-", b""):
        return False
    parent = _parent_key(data, start, before)
    return parent is not None and _DATA_PARENT.fullmatch(parent) is not None


def _is_repo_file(data: bytes, start: int, before: bytes) -> bool:
    """True for a GGUF file picked from a repository named just before it (``repo_id=...,
    filename="x.Q4_K_M.gguf"``, ``--hf-repo r --hf-file f``): part of that repository's reference."""
    return (
        bool(_FILE_KEY.search(before))
        and _REPO_KEY.search(data, max(0, start - 300), start + len(before)) is not None
    )


def _is_loaded_gguf(data: bytes, lo: int, before: bytes) -> bool:
    """True when a GGUF file's name (or a URI to it) is written where a program loads it as its model:
    after a model or path key, a loader's flag, or as a call's first argument (on the call's line or,
    alone on its line, under it: ``Llama(`` then ``"/models/x.Q4_K_M.gguf",``)."""
    if _URI_LEAD.match(data, lo) is not None or _GGUF_LOADED.search(before[-160:]) is not None:
        return True
    if before.strip(b" \t\"'"):
        return False
    line_start = lo - len(before)
    return data[max(0, line_start - 200) : line_start].rstrip().endswith(b"(")


def _is_field_setting(data: bytes, start: int, before: bytes) -> bool:
    """True for the ``default=`` of a dataclass field named as a setting on the line above
    (``new_model: str = field(`` then ``default="llama-2-7b-guanaco",``), or of a command-line flag
    named as one on its line (``add_argument("--save_path", ..., default="llama-7b-hf")``)."""
    if not before.rstrip(b"\"' ").endswith(b"default="):
        # or a name inside the default's string (`default="in [llama-2, llama-3]"`, the choices written out)
        at = before.rfind(b"default=")
        quote = before[at + 8 : at + 9] if at >= 0 else b""
        if quote not in (b'"', b"'") or quote in before[at + 9 :]:
            return False
        before = before[: at + 9]
    flag = _FLAG_OPEN.search(before)
    if flag is not None:
        return _SETTING_KEY.search(b"_" + flag.group(1).replace(b"-", b"_")) is not None
    above = max(data.rfind(b"\n", max(0, start - 201), start - 1) + 1, start - 201, 0)
    field = _FIELD_OPEN.search(data, above, max(above, start - 1))
    return field is not None and _SETTING_KEY.search(b"_" + field.group(1)) is not None


def _is_workflow_job(data: bytes, lo: int, hi: int, start: int, before: bytes) -> bool:
    """True for a CI workflow's job id, a key of its own under `jobs:` (`jobs:\n  llama3:\n    runs-on:`),
    or the workflow's own top-level `name:` over its `on:` triggers: what a job is called, not a model."""
    if before in (b"name: ", b"name:") and _WORKFLOW_TRIGGERS.search(data, hi, hi + 400) is not None:
        return True
    key = data[hi : hi + 1] == b":" or data[hi - 1 : hi] == b":"
    return key and not before.strip(b" ") and _parent_key(data, start, before) == b"jobs"


_WORKFLOW_TRIGGERS = re.compile(rb"\n[\"']?on[\"']?:[ \t]*(?:\n|\[|\w)")


def _is_make_target(data: bytes, lo: int, hi: int) -> bool:
    """True for a Makefile rule's target (``run-mistral-7b-instruct:`` at the start of its line, a
    tab-indented recipe under it): what a command is called, not a model. YAML never indents with tabs,
    so a top-level YAML key named after a model is not taken for one."""
    return (
        (lo == 0 or data[lo - 1 : lo] == b"\n")
        and data[hi - 1 : hi] == b":"
        and _RECIPE_NEXT.match(data, hi, hi + 400) is not None
    )


def ollama_lead(data: bytes, lo: int) -> int:
    """Where an Ollama context in front of a bare tag starts (``ollama pull ``, ``FROM `` in a
    Modelfile, ``ollama.chat(model="``, ``ChatOllama(model="``, ``OLLAMA_MODEL=``, a list item under
    ``pull:`` / ``run:``, a request's ``"model": "`` to Ollama's port 11434), else ``lo``.

    The token handed to shape() then starts with that context, which is how shape() knows a name
    without a digit is an Ollama tag here and not a word.
    """
    start, before = _line_before(data, lo)
    # Search only from the last `ollama` on, or a line's `FROM`: most hits here are the word ollama.
    at = before.lower().rfind(b"llama")
    if _FROM.match(before) and _PY_IMPORT.match(data, lo):
        return lo  # Python's `from mistral import Mistral` names a module, not a Modelfile's base
    if at >= 0 or _FROM.match(before):
        match = _OLLAMA_BEFORE.search(before, max(0, at - 40))
        if match:
            return start + match.start()
    item = _LIST_ITEM.match(before)
    if item and _under_ollama_list(data, start):
        return start + item.start(1)
    inline = _INLINE_LIST.search(before)  # a list flattened onto one line (helm-docs tables)
    if inline:
        return start + inline.start(1)
    port = before.find(b":11434/")  # a request to Ollama's own port: `curl localhost:11434/api/chat -d`
    request = _REQUEST_MODEL.search(before, port) if port >= 0 else None
    return start + request.start() if request else lo


def _under_ollama_list(data: bytes, line_start: int) -> bool:
    """True when the list item starting its line at ``line_start`` belongs to a ``pull:`` / ``run:`` /
    ``models:`` key (Ollama's Helm values and their copies), looking up over the list's other items."""
    end = line_start - 1
    for _ in range(50):  # a list of models is short; a longer run of items is something else
        if end <= 0:
            return False
        begin = data.rfind(b"\n", 0, end) + 1
        line = data[begin:end]
        if _LIST_KEY.match(line):
            return True
        if not _LIST_LINE.match(line):
            return False
        end = begin - 1
    return False


# The Hub orgs of the model makers themselves, which publish models, not a user's runs or outputs.
_MAKER_ORG = re.compile(rb"(?:meta-llama|mistralai|qwen|deepseek-ai|google|microsoft|tiiuae)/[\w.-]*\d", re.I)


def _setting_names_model(data: bytes, lo: int, hi: int, before: bytes) -> bool:
    """True when a setting that usually names no model (a served alias, an endpoint) names one here: a served
    name that is a Hub id (`served_model_name: nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1`: the server publishes
    the model under its own id), a Databricks foundation-model endpoint (`llm_endpoint_name: databricks-meta-
    llama-3-3-70b-instruct`: the endpoint is the model), or a model maker's own repository."""
    if kinds.of_shape(data[lo:hi].decode("utf-8", "replace")) == kinds.DATABRICKS_ID:
        return True
    if _MAKER_ORG.match(data, lo) and b"dataset" not in before.lower():
        # a model maker's own repository (`ENDPOINT_NAME = "meta-llama/..."`): no run or output of a user's
        # is written there, so the setting names the model
        return True
    return data.find(b"/", lo, hi) > lo and b"served" in before.lower()


def _is_setting_value(before: bytes) -> bool:
    """True when the token at ``lo`` is the value of a template, output or run-name setting on its line."""
    # Read the line backwards, without a regex over all of it (this runs for every hit): the value's
    # opening (`"`, `f"`, `(`, `[`), then `:` / `=` or a space, then the key, which may end an
    # identifier after `_` or `-` (customization_job_name).
    trimmed = before.rstrip(_SETTING_PATH_CHARS)
    if trimmed != before and trimmed[-1:] in (b'"', b"'", b"=", b" ", b":"):
        before = trimmed  # a folder under the setting (`output_dir = "$HOME/models/x"`): the key decides
    head = before.rstrip(b"f\"'([")
    body = head.rstrip()
    if body.endswith((b":", b"=")):
        body = body.rstrip(b":=!").rstrip()  # also a comparison (`if TEMPLATE == "llama3"`)
    elif body == head and b"(" not in before[len(head) :]:
        return False  # neither a separator, a space nor a call's `(` between the key and the value
    body = body[:-1] if body.endswith(b"]") else body  # a subscript (`os.environ["X_TEMPLATE"] = ...`)
    body = body[:-1] if body.endswith((b'"', b"'")) else body
    ident = _KEY_TAIL.search(body)
    key = _SETTING_KEY.search(ident.group()) if ident else None
    if ident is None or key is None:
        return False
    # `model_id, output_dir = "meta-llama/...", "..."`: the first value belongs to the first target
    return not _TUPLE_TARGET.search(body, 0, ident.start() + key.start(1))


def _is_served_name(data: bytes, lo: int, hi: int) -> bool:
    """True for ``--model_name=llama2`` beside ``--model_id`` / ``--model_dir`` on the same command (KServe's
    huggingface server): the name the server gives the model it serves, which the other argument names."""
    if not _SERVED_NAME.search(data, max(0, lo - 16), lo):
        return False
    return _MODEL_SOURCE_ARG.search(data, max(0, lo - 200), hi + 200) is not None


def _is_parser_option(data: bytes, lo: int) -> bool:
    """True for the ``"value"`` of an option in a select whose key names a parser or a template
    (``"key": "REASONING_PARSER", ... "options": [{"label": "Qwen3", "value": "qwen3"}]``)."""
    if not _OPTION_VALUE_KEY.search(data, max(0, lo - 12), lo):
        return False
    options = data.rfind(b'"options"', max(0, lo - 1500), lo)
    return options >= 0 and _PARSER_KEY.search(data, max(0, options - 300), options) is not None


# A Kubernetes label or annotation key qualified by a domain (`model.aibrix.ai/name: ...`): its value
# names a resource, as every label value does
_QUALIFIED_KEY = re.compile(rb"(?:^|[\s{,\"'])[a-z0-9-]+(?:\.[a-z0-9-]+)+/[\w.-]+[\"']?\s*[:=]\s*[\"']?$")
_IDENTIFIER = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
_PATH_SEGMENTS = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*:{0,2}")
_CASE_SWITCH = re.compile(rb"[a-z0-9][A-Z]")  # CamelCase: an identifier, never a Hub or Ollama spelling
_IMPORT_LINE = re.compile(rb"[ \t]*(?:pub[ \t]+)?(?:use|import|from)[ \t]")
_VARIANT_LINE = re.compile(rb"(?:\s*=\s*\d+)?,?[ \t]*\r?$", re.MULTILINE)
_QUOTE_BYTES = frozenset(b"\"'`")
_DECLARED = re.compile(
    rb"\b(?:class|new|extends|implements|struct|interface|enum|isinstance\(\w+,|import(?:\s+\w+\s*,)*)\s*$"
)
_RELATIVE_IMPORT = re.compile(rb"(?:^|\n)[ \t]*from[ \t]+$")
_BARE_BEFORE = re.compile(rb"[:(,\[{=]\s*$")  # a value, an argument or an item ...
_BARE_AFTER = re.compile(rb"\s*[,)}\]]")  # ... that ends where the identifier does
_RETURNED = re.compile(rb"\breturn[ \t]+$")  # what a function returns (`return falcon7b;`) ...
_RETURNED_END = re.compile(rb"[ \t]*(?:;|\r?\n)")  # ... alone
_ASSIGNED = re.compile(rb"[ \t]*(?::[ \t]*[\w\[\], .]+)?=(?!=)")
_LINE_START = re.compile(rb"(?:^|\n)[ \t]*(?:(?:export[ \t]+)?(?:const|let|var)[ \t]+)?$")
_REGEX_AFTER = re.compile(rb"\.[*+]|\\[.d]|\[\d")
# a placeholder right after a name: f-strings, str.format, shell and JS templates, Jinja
_TEMPLATE_AFTER = re.compile(rb"[-_./]?(?:\{|\$\{|%\(|<[A-Z_]+>)")  # not `:` (an Ollama tag `x:{tag}`)


def code_symbol(data: bytes, lo: int, hi: int) -> bool:
    """True when the token ``data[lo:hi]`` of a source file is a symbol of the code, not a string:
    an unquoted identifier declared or called (``class Llama2(PromptStyle)``, ``return Llama2()``,
    ``isinstance(style, Phi3)``) or passed as a bare value (``{"llama2": Llama2, ...}``). A model id in
    code is a string; a name chosen for a class that formats its prompts names no model."""
    if b"::" in data[max(0, lo - 2) : hi + 2] and _PATH_SEGMENTS.fullmatch(data, lo, hi):
        return True  # a Rust or C++ path (`Which::Mistral7bV01`, `Phi3::new`, `models::quantized_qwen3`)
    if data[lo : lo + 1] == b"." and _RELATIVE_IMPORT.search(data, max(0, lo - 24), lo):
        return True  # a module of the package, imported (`from .llama31 import Llama31Handler`)
    if data[hi - 1 : hi] == b":":
        hi -= 1  # the token ends on a type annotation's colon (`const qwen3: Model`), as a tag could
    member = _MEMBER_ACCESS.fullmatch(data, lo, hi)
    if member and roles.is_snake_model(member.group(2).decode("ascii")):
        # a member of an enum or object (`ChatModel.LLAMA_3_70B`, `GROQ_MODELS.LLAMA_8B`): the project's
        # own code when this file declares it or imports its owner from the project; an SDK's otherwise
        return _declared_here(data, member.group(2)) or _imported_from_project(data, member.group(1))
    if not _IDENTIFIER.fullmatch(data, lo, hi):
        return False
    if data[lo - 4 : lo] == b" as " and _IMPORT_LINE.match(data, data.rfind(b"\n", max(0, lo - 200), lo) + 1):
        return True  # an import's alias (`use ...::ModelWeights as Qwen3;`, `import x as llama3`)
    variant = _VARIANT_LINE.match(data, hi) and _LINE_START.search(data, max(0, lo - 24), lo)
    if variant and _CASE_SWITCH.search(data, lo, hi):
        return True  # an enum's variant alone on its line (`    Mistral7bV01,` in `enum Which {`)
    if (lo and data[lo - 1] in _QUOTE_BYTES) or (hi < len(data) and data[hi] in _QUOTE_BYTES):
        return False
    # an SDK's model constant, passed or called (`useLLM({ model: LLAMA3_2_1B })`, `qwen3_4b()`), names
    # the model it loads, unless this file declares it (a variable, an enum's constant)
    if roles.is_snake_model(data[lo:hi].decode("ascii")) and not _LINE_START.search(
        data, max(0, lo - 24), lo
    ):
        name = data[lo:hi]
        return (
            bool(_DECLARED.search(data[max(0, lo - 24) : lo]))
            or _declared_here(data, name)
            or _imported_from_project(data, name)
        )
    if data[hi : hi + 1] == b"(":
        return True  # a call or a constructor
    if (
        data[hi : hi + 1] == b":"
        and _LINE_START.search(data, max(0, lo - 24), lo)
        and _declared_here(data, data[lo:hi])
    ):
        return True  # an object's constant key (`LLAMA_8B: 'llama3-8b-8192',`): the value is the model
    # a variable given a value (`falcon3 = [dict(...)]`, `const qwen3: Model = {...}`)
    if _ASSIGNED.match(data, hi) and _LINE_START.search(data, max(0, lo - 24), lo):
        return True
    before = data[max(0, lo - 24) : lo]
    return bool(
        _DECLARED.search(before)
        or (_BARE_BEFORE.search(before) and _BARE_AFTER.match(data, hi))
        or (_RETURNED.search(before) and _RETURNED_END.match(data, hi))
    )


# A name given a value at the start of a line (`llama3_8b = "..."`, `const LLaMA3_8B: LLM = {`, a Java enum
# constant `LLAMA3_2_1B("llama3.2:1b"),`): a variable or constant of the file's own (its classes: below).
_DECLARATION = re.compile(
    rb"(?:^|\n)[ \t]*(?:(?:export|public|private|static|final|const|let|var|val)[ \t]+)*"
    # a C struct's instance (`const struct model_config llama_7B(1, 32, ...);`)
    rb"(?:struct[ \t]+\w+[ \t]+)?"
    rb"([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::[^=\n]*)?[=(]"
)
# ... the constants of an enum, listed in its braces (`enum { OPT_125M, LLaMA_7B, Mistral_7B };`)
_ENUM_BODY = re.compile(rb"\benum\b[^{;\n]*\{([^{}]*)\}")
# ... and an object's keys in upper snake case (`  LLAMA_8B: 'llama3-8b-8192',` in `const GROQ_MODELS = {`)
_CONSTANT_KEY = re.compile(rb"\n[ \t]*([A-Z][A-Z0-9]*_[A-Z0-9_]+)[ \t]*:[ \t]")
# ... and a class however its line goes on (`export default class Gemma29bGroqAPIBot extends GroqAPIBot {`)
_CLASS_DECLARATION = re.compile(rb"\bclass[ \t]+([A-Za-z_]\w*)")
_CLASS_NAME_CASE = re.compile(rb"[a-z][A-Z]")  # a class's camel case, not a CONSTANT or a model id
# `Owner.MEMBER`: an attribute read off a class or an object
_MEMBER_ACCESS = re.compile(rb"([A-Za-z_]\w*)\.([A-Za-z_]\w*)")
# Names imported from the project itself: a relative module in Python (`from .catalog import (A, B)`), a
# relative or aliased path in JavaScript (`import { ChatModel } from "../../generated"`, `"@/types"`)
_PROJECT_IMPORT = re.compile(
    rb"\bfrom[ \t]+\.[\w.]*[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)"
    rb"|\bimport[ \t]+(?:type[ \t]+)?\{([^}]*)\}[ \t]*from[ \t]*[\"'](?:\.{1,2}/|[@~]/)"
)
_imported: tuple[bytes | None, frozenset[bytes]] = (None, frozenset())
_declared: tuple[bytes | None, frozenset[bytes]] = (None, frozenset())


def _declared_here(data: bytes, name: bytes) -> bool:
    """True when this file declares ``name`` (see ``_DECLARATION``, ``_ENUM_BODY``, ``_CONSTANT_KEY`` and
    ``_CLASS_DECLARATION``); the names are read once per file, as a generated registry can hold thousands
    of model constants."""
    global _declared
    if _declared[0] is not data:
        names = {m.group(1) for m in _DECLARATION.finditer(data)}
        for body in _ENUM_BODY.finditer(data):
            names.update(re.findall(rb"[A-Za-z_]\w*", _QUOTED.sub(b"", body.group(1))))
        names.update(_CONSTANT_KEY.findall(data))
        names.update(_CLASS_DECLARATION.findall(data))
        _declared = (data, frozenset(names))
    return name in _declared[1]


def _imported_from_project(data: bytes, name: bytes) -> bool:
    """True when this file imports ``name`` from a module of its own project (see ``_PROJECT_IMPORT``): a
    constant or an enum the project declares elsewhere, not an SDK's. Read once per file."""
    global _imported
    if _imported[0] is not data:
        names: set[bytes] = set()
        if b"import" in data:
            for found in _PROJECT_IMPORT.finditer(data):
                listed = found.group(1) or found.group(2) or b""
                # `A as B` binds B; `type A` in TypeScript binds A
                names.update(
                    m.group(1) for m in re.finditer(rb"(?:\w+[ \t]+as[ \t]+)?(\w+)\s*(?:,|$|\))", listed)
                )
        _imported = (data, frozenset(names))
    return name in _imported[1]


# kubectl acting on an object by kind and name (`kubectl delete rayservice deepseek-r1-8b -n ns`): the
# object is named after the model it serves, and is not the model.
_KUBECTL_OBJECT = re.compile(
    rb"\bkubectl\s+(?:-n\s+\S+\s+)?(?:delete|get|describe|logs|edit|scale|patch|label|annotate|wait|"
    rb"port-forward|rollout\s+(?:status|restart|history))\s+(?:-n\s+\S+\s+)?[a-z][a-z.]*\s+(?:[\w.-]+\s+)*$"
)
# A relative link's target: a folder path, not a URL nor an `org/name` id (`./x`, `7-image/3-sdxl`, `a/b/c`).
_RELATIVE_LINK = re.compile(rb"(?!\w+://)(?:\.{1,2}/|\d|[^/)]*/[^/)]*/)")
# A shell command whose argument is a folder (`cd x`, `mkdir -p x`, `pushd x`), at a line or prompt start.
_FOLDER_COMMAND = re.compile(rb"(?:^|[\n$;&`(]\s*)(?:cd|pushd|mkdir(?: -p)?) $")
# The rest of a Markdown link's text and its target, when that is a Hub data set or Space: a data set
# made with a model is often named after it, and its link says which it is.
_LINK_TO_DATA = re.compile(
    rb"[^\[\]\n]{0,120}\]\(https?://(?:www\.)?(?:huggingface\.co|hf\.co)/(?:datasets|spaces)/"
)


# a shell or compose default's variable right before the token (`${MODEL_NAME:-`, `${LLM-`)
_SHELL_DEFAULT_TAIL = re.compile(rb"\$\{(?:[A-Za-z_][A-Za-z0-9_]*|\d):?[-=]$")
_PATH_CHARS = (string.ascii_letters + string.digits + "/.~_-").encode()


def not_a_model(data: bytes, lo: int, hi: int) -> bool:
    """True when the context of the token ``data[lo:hi]`` says it is not a model reference."""
    if _REGEX_AFTER.match(data, hi) or (data[hi - 1 : hi] == b"." and data[hi : hi + 1] in (b"*", b"+")):
        return True  # a regular expression that matches names (`re.search("Llama-2.*-chat", name)`)
    if _TEMPLATE_AFTER.match(data, hi):
        return True  # a template's fixed part (`f"Qwen/Qwen3-{size}"`, `llama-${VERSION}`): it names a set
    if (
        data[lo - 1 : lo] in (b'"', b"'")
        and b"." in data[lo:hi]
        and _EXTENSION_LIST.search(data, max(0, lo - 400), lo)
    ):
        return True  # an editor extension's id (`publisher.name`), not a model
    if data[hi : hi + 1] == b"=" and _LINE_START.search(data, max(0, lo - 24), lo) and b"_" in data[lo:hi]:
        return True  # an environment variable's or a shell variable's name (`GEMMA3_1B=gemma3:1b`)
    if data[lo - 1 : lo] == b" " and _FOLDER_COMMAND.search(data, max(0, lo - 24), lo):
        return True  # the folder a shell command enters or makes (`cd phi4-multi-modal/pytorch`)
    if data[lo - 2 : lo] == b"](" and data[hi : hi + 1] == b")" and _RELATIVE_LINK.match(data, lo, hi):
        return True  # a Markdown link to a page of the same repository (`[SDXL](7-image/3-sdxl-refiner)`)
    if _LINK_TO_DATA.match(data, hi):
        return True  # a Markdown link's text whose target is a data set or a Space (`[Magpie-Llama-3](...)`)
    if lo > 1 and data[lo - 1] == 35 and not data[lo - 2 : lo - 1].isspace():  # 35: `#`
        return True  # a URL's fragment (FAQ.md#llama-3-or-other), a `#` inside a word, not a comment's
    if b"/" not in data[lo:hi] and _VERSION_KEY.search(data, max(0, lo - 16), lo):
        return True  # a bare `version` (a prompt template's `version = "v3-llama3.1-reasoning"`), no model
    arch = _ARCH_KEY.search(data, max(0, lo - 32), lo) if b"/" not in data[lo:hi] else None
    if arch and (b"params_key" in arch.group() or not _RELEASE.search(data, lo, hi)):
        return True  # an architecture field (`"type": "LLaMA3"`, `model_type: qwen2`): a class of models
    if data[hi : hi + 1] == b"`" and b"/" not in data[lo:hi] and _CODE_SPAN_FOLDER.match(data, hi, hi + 16):
        return True  # "the `llama-3.2-node` project": a folder of the repository, not a model
    if data[hi : hi + 1] == b" " and _NAMES_A_FORMAT.match(data, hi + 1, hi + 24):
        return True  # "Llama 3.2 Community License", "prompts in Phi-3 format": a licence or a format's name
    if _is_served_name(data, lo, hi) or _is_parser_option(data, lo):
        return True
    if _IMAGE_TAGGED.search(data, lo, hi) and _UNDER_VARIABLE.search(data, max(0, lo - 40), lo):
        return True  # an image pushed under a registry variable (`${_REPO}/gemma/gemma3-1b:latest`)
    if b"/" not in data[lo:hi] and _QUANT_OUTPUT.search(data, max(0, lo - 40), lo):
        return True  # AutoAWQ's `quant_path = "mistral-instruct-v0.2-awq"`: the folder the script writes
    if data[lo - 1 : lo] == b"=" and _URL_QUERY.search(data, max(0, lo - 200), lo):
        return True  # a web page's query value (`qwen.ai/blog?id=qwen2.5-llm`): a page, not a model
    if data[lo - 1 : lo] == b"{" and _BIBTEX_ENTRY.search(data, max(0, lo - 24), lo):
        return True  # a BibTeX key (`@misc{metallamaguard2,`): a citation, not a model
    if (
        data[lo - 1 : lo] in (b'"', b"'")
        and not _RELEASE.search(data, lo, hi)
        and b"/" not in data[lo:hi]
        and _in_architecture_block(data, lo, hi)
    ):
        # a member of an enum or table of architectures or families (`qwen2moe = "qwen2moe"` in
        # `enum GgufArchitectureType {`, `"gemma2": "#CC55FF"` in `familyColours = map[...]{`): a class of
        # models
        return True
    if _PAIRED_CONSTANT_AFTER.match(data, hi) or _PAIRED_CONSTANT_BEFORE.search(data, max(0, lo - 80), lo):
        # a chat template's, architecture's or projector's name beside its enum constant
        # (`{ "llama2", LLM_CHAT_TEMPLATE_LLAMA_2 }`, `{ PROJECTOR_TYPE_GEMMA3, "gemma3"}`): a format
        return True
    if _MAPS_TO_CLASS.match(data, hi):
        return True  # a registry of architectures (`"phi3": NormalizedTextConfigWithGQA`): a class of models
    if data[hi - 1 : hi + 1] == b"_(":
        return True  # a file name cut at `_(` (Llama3.1_(8B)-Alpaca.ipynb)
    if b":" in data[lo:hi] and _MAVEN_COORDINATE.match(data, lo, hi):
        return True  # a Maven or Gradle artefact (`dev.langchain4j:langchain4j-mistral-ai`): a library
    if b".svc" in data[lo:hi] and _SERVICE_HOST.search(data, lo, hi):
        return True  # a Kubernetes service's host name (`mistral-7b-instruct.default.svc.cluster.local`)
    if data[lo - 1 : lo] in (b'"', b"'") and _in_export_list(data, lo):
        return True  # a Python module's exported names (`__all__ = ["LLAMA_3_1_8B", ...]`): its own code
    if (
        data[lo - 1 : lo] in (b'"', b"'")
        and _CLASS_NAME_CASE.search(data, lo, hi)
        and _IDENTIFIER.fullmatch(data, lo, hi)
        and _declared_here(data, data[lo:hi])
    ):
        return True  # the name of a class the file declares (`static _className = "Gemma29bGroqAPIBot"`)
    if _labels[0] is data and data[lo:hi].lower() in _labels[1]:
        return True  # a record's label named again (see _remember_label)
    start, before = _keyed_line_before(data, lo)
    tail = before[-24:]  # every hit pays for this: a `name` key's bytes first, cheaply
    return (
        (_is_setting_value(before) and not _setting_names_model(data, lo, hi, before))
        or (b"/" in tail and _QUALIFIED_KEY.search(before) is not None)
        or (b"default" in tail and _is_field_setting(data, start, before))
        or (
            b"label" in tail
            and _OPTION_LABEL.search(tail) is not None
            and _OPTION_VALUE.match(data, hi, hi + 160) is not None
        )
        or ((b"ame" in tail or b"AME" in tail) and _is_resource_name(data, lo, hi, start, before))
        or (b": " in tail and before[:1] == b" " and _is_label_value(data, start, before))
        or (b"=" in tail and before[:1] == b" " and _is_hcl_resource(data, start, before))
        or (b"kubectl" in before and _KUBECTL_OBJECT.search(before) is not None)
        or _is_make_target(data, lo, hi)
        or _is_workflow_job(data, lo, hi, start, before)
        or (data[hi - 5 : hi].lower() == b".gguf" and _is_repo_file(data, start, before))
        or (len(before) - len(before.lstrip()) >= 2 and _is_dataset_entry(data, hi, start, before))
    )


# a reversed domain as the group of a `group:artifact` coordinate (not a Bedrock id: `meta.llama3-...:0`)
_MAVEN_COORDINATE = re.compile(rb"(?:com|org|dev|io|net|me|co|de|fr|cn|uk)\.[\w.-]+:[A-Za-z][\w.-]*")
_SERVICE_HOST = re.compile(rb"\.svc(?:\.cluster\.local)?\b")
_EXPORT_LIST = re.compile(rb"__all__\s*(?::[^=\n]*)?[+]?=\s*[\[(]")


def _in_export_list(data: bytes, lo: int) -> bool:
    """True when ``lo`` is inside the brackets of a module's `__all__` list (no closing bracket between)."""
    start = data.rfind(b"__all__", max(0, lo - 4000), lo)
    if start < 0:
        return False
    opening = _EXPORT_LIST.match(data, start)
    return opening is not None and not any(c in data[opening.end() : lo] for c in (b"]", b")"))


# The words of an identifier, in camel or snake case (`GgufArchitectureType`, `MODEL_ARCH_NAMES`).
_IDENTIFIER_WORD = re.compile(rb"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_DECLARING_HEAD = re.compile(rb"\benum\b|(?<![=!<>])=(?![=>])|:")
_QUOTED = re.compile(rb"\"[^\"\n]*\"|'[^'\n]*'")
_CONTROL_HEAD = re.compile(rb"\s*(?:[}]\s*)?(?:switch|if|for|while|else|do|try|function|def)\b")
# Words of a block's line that make its members classes of models, not models: architectures and families,
# and formats (a table of chat templates keyed by the format's name, `TEMPLATES = {"LLAMA3": {`)
_FORMAT_WORDS = frozenset({b"template", b"templates", b"format", b"formats"})
_ARCHITECTURE_WORDS = (
    frozenset({b"arch", b"archs", b"architecture", b"architectures", b"family", b"families"}) | _FORMAT_WORDS
)
_STRING_VALUE = re.compile(rb"[\"']?\s*:\s*[\"']")  # a key's value is a string


def _in_architecture_block(data: bytes, lo: int, hi: int) -> bool:
    """True when ``data[lo:hi]`` is inside the braces of a block whose line names architectures, families or
    formats: an enum, a type or a table (`export const enum GgufArchitectureType {`, `MODEL_ARCH_NAMES = {`,
    `TEMPLATES = {"LLAMA3": {...}}`). A table of formats keyed by model names maps each to a string (its
    format's name: `DEFAULT_TEMPLATE = {"LLaMA2": "llama2"}`), so there a key with a string value is a
    model."""
    opening = data.rfind(b"{", max(0, lo - 8000), lo)
    if opening < 0 or data.find(b"}", opening, lo) >= 0:
        return False
    found = _block_words(data, opening)
    if found and found <= _FORMAT_WORDS and _STRING_VALUE.match(data, hi):
        return False
    return bool(found)


_blocks: tuple[bytes | None, dict[int, frozenset[bytes]]] = (None, {})


def _block_words(data: bytes, opening: int) -> frozenset[bytes]:
    """The architecture, family and format words of the line that opens the block at ``opening``; read once
    per block of the file being scanned, as a table of architectures holds many names."""
    global _blocks
    if _blocks[0] is not data:
        _blocks = (data, {})
    cached = _blocks[1].get(opening)
    if cached is not None:
        return cached
    head = _QUOTED.sub(b"", data[data.rfind(b"\n", 0, opening) + 1 : opening])  # not a test's title
    found: frozenset[bytes] = frozenset()
    # a block of code (`switch (model.architecture.tokenizer) {`) is not one of values
    if _DECLARING_HEAD.search(head) is not None and _CONTROL_HEAD.match(head) is None:
        words = (
            w.lower() for ident in re.findall(rb"[A-Za-z_]\w*", head) for w in _IDENTIFIER_WORD.findall(ident)
        )
        found = frozenset(w for w in words if w in _ARCHITECTURE_WORDS)
    _blocks[1][opening] = found
    return found


def unloaded_gguf(data: bytes, lo: int, hi: int) -> bool:
    """True for a GGUF file name that code or a config writes where no program loads it as its model
    (an output file, a test fixture's name): checked for uses only, as a GGUF file named in prose, a
    comment or a table of downloads is a mention of that model wherever it stands."""
    if data[hi - 5 : hi].lower() != b".gguf":
        return False
    _, before = _keyed_line_before(data, lo)
    return not _is_loaded_gguf(data, lo, before)


def _keyed_line_before(data: bytes, lo: int) -> tuple[int, bytes]:
    """``_line_before``, with a shell default's variable or a CI expression cut off: in
    ``MODEL: '/models/${MODEL_NAME:-x.gguf}'`` the line's key decides, not the variable (nor the folder
    in front of it)."""
    start, before = _line_before(data, lo)
    if before.endswith((b"-", b"=")) and b"${" in before:
        shell = _SHELL_DEFAULT_TAIL.search(before)
        if shell:
            before = before[: shell.start()].rstrip(_PATH_CHARS)
    elif before.endswith(b"}}") and b"${{" in before:
        # a CI expression for the folder (`TEST_MODEL: ${{ github.workspace }}/models/x.gguf`): the key
        # decides, not the expression's last word (`workspace`)
        before = before[: before.rfind(b"${{")]
    return start, before
