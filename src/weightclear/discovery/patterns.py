"""The pattern set: literal anchors for every model family, and the shaping of a hit into a name.

Why anchors and not one regex per id shape: the performance notes (§4.4, §8)
measured that patterns starting with a character class defeat every literal
prefilter, and that CPython ``re`` alternations are two orders of magnitude
slower than Hyperscan. So each pattern here is a family keyword (``llama``,
``gemma``, ``qwen`` ...) or an organisation prefix taken from the catalogue;
a hit is then expanded around the keyword over the characters a model id can
hold, cleaned (URL hosts, client prefixes, trailing punctuation) and
classified into a kind by its shape.

Strong anchors name a model family by themselves: a candidate with a version
digit is kept even when the catalogue does not know it yet. Weak anchors
(organisation prefixes such as ``google/``) are kept only when the resolver
maps the candidate to a catalogue model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from weightclear.discovery import contexts, kinds
from weightclear.discovery.roles import is_decoy, is_snake_model
from weightclear.resolve_names import parts_as_path

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase


@dataclass(frozen=True, kw_only=True)
class Anchor:
    """One pattern of the multi-pattern pass: a lower-case regex anchored on a literal."""

    id: int
    regex: str  # lower-case; used by Hyperscan (caseless) and by ``re`` on lower-cased bytes
    strong: bool

    def starts(self, data: bytes, lower: bytes, start: int) -> bool:
        """Whether a hit of this anchor at ``start`` (in ``data`` and its lower-cased copy) can start a
        name at all."""
        capitals = _CAPITALISED.get(self.regex)
        if capitals:
            return data[start : start + capitals].isupper() and not data[start - 1 : start].isalnum()
        excluded = _NO_START.get(self.regex)
        if excluded is None:
            return True
        return not (excluded.fullmatch(lower, max(0, start - 2), start) or data[start - 1 : start] == b"O")


# Family keywords. Each starts with a literal, so neither Hyperscan nor `re` loses its prefilter.
_STRONG = (
    "llama",
    "gemma",
    "qwen",
    "qwq[-:]",
    "deepseek",
    "mistral",
    "mixtral",
    "codestral",
    "pixtral",
    "devstral",
    "magistral",
    "ministral",
    "mathstral",
    "falcon",
    "phi-[1-4]",
    "phi[34]",
    "phi [1-4]",
    "stable-diffusion",
    "stable_diffusion",
    "sdxl",
    "stablelm",
    "stable-cascade",
    "stable-video",
    "nemotron",
    "olmo",
    "gpt-oss",
    "gpt oss",
    "starcoder",
    "bigscience/",
    # BLOOM by a size of its own (`BLOOM-560M`, `bloomz-7b1-mt`): "bloom" alone is a filter, a word, an app
    "bloomz?[-_](?:560m|1b1|1b7|3b|7b1?|176b)",
)
# `llama` inside the word "ollama" (the runtime, its client, its Go packages: a third of all hits on real
# trees) never starts a name: an Ollama model's own family word does (`ollama/llama3` is found at `llama3`).
# Nor does "Ollama" inside a camel-case word (`ChatOllama`, `chatOllama_0-input-...` of a Flowise flow);
# "AfroLlama" (a Llama derivative), a lower-case o before it inside a word, is still read. Checked per hit
# after `re` finds it: a look-behind in the finder itself would cost `re` its literal fast search.
_NO_START = {"llama": re.compile(rb"[^a-z]?o")}  # over the two bytes before the hit
# nor does the `olmo` of AllenAI's Molmo (its models are Qwen2 and OLMo fine-tunes, named neither way)
_NO_START["olmo"] = re.compile(rb"[^a-z]?m")
# Names written with a space where the family word alone is too common a word to anchor on ("Phi 3 Mini",
# "GPT OSS 120B": how READMEs and model pickers spell them), and Stable Diffusion's prose and short names
# ("Stable Diffusion 3.5", "SD3"): counted only when written with these many capitals at their start.
_CAPITALISED = {"phi [1-4]": 1, "gpt oss": 1, "sd[1-3]": 2, "sd [1-3]": 2, "stable diffusion": 1}
# Of those, the ones that are no family word inside other tokens (`usd1`, a folder's `sd2`).
_CAPITALISED_ONLY = ("sd[1-3]", "sd [1-3]", "stable diffusion")
_SD_NAME = re.compile(r"(?<![A-Za-z])SD ?[1-3]|Stable Diffusion")
# Organisation prefixes that publish many things, only some of them open-weights models.
_WEAK_ORGS = (
    "google/",
    "microsoft/",
    "nvidia/",
    "tiiuae/",
    "allenai/",
    "stabilityai/",
    "openai/",
    "bigcode/",
)

# Characters a model id can hold (HF ids, tags, cloud ids, file names, URLs).
_ID_RUN = re.compile(rb"[A-Za-z0-9_.\-/:@+]*")
_MAX_LEFT = 160  # longest prefix worth keeping in front of a keyword (cloud resource paths)
# Prose spelling after a bare family word: a version and maybe a size ("Llama 3.2 11B"), or a size alone
# ("Mistral 7B", "Mixtral 8x22B", "Gemma 2B").
# Mistral's lines add a word before the size, the YYMM date or the version ("Mistral Nemo 12B",
# "Mistral Large 2407", "Mistral Small 3.1"), DeepSeek's before a version or size ("DeepSeek Chat V3",
# "DeepSeek Coder 33B");
# Llama Guard a word before its version ("Llama Guard 4").
_PROSE_VERSION = re.compile(
    # the size after the version: spaced, in brackets, Gemma's effective size ("Gemma 3n E2B", "Gemma 4
    # E4B") or joined by a dash ("Gemma 3-1B-it", "Gemma 2-9B")
    rb" (?:[vVrR]?\d{1,2}(?:\.\d{1,2})?n?"
    rb"(?: \d{1,3}(?:\.\d)?[bBmM]| \(\d{1,3}(?:\.\d)?[bBmM]\)| [Ee]\d[bB]|"
    rb"-\d{1,3}(?:\.\d)?[bB](?:-(?:it|pt|[Ii]nstruct))?)?|"
    rb"\d{1,3}(?:\.\d)?[bB]|\(\d{1,3}(?:\.\d)?[bB]\)|\d{1,2}x\d{1,3}[bB]|"
    rb"(?:Nemo|Large|Small|Medium|Mamba|Saba) (?:\d{1,3}(?:\.\d)?[bB]|2\d[01]\d|\d(?:\.\d)?)|"
    rb"(?:Chat|Coder|Math) (?:[vV]\d(?:\.\d)?|\d{1,3}(?:\.\d)?[bB])|"
    rb"Guard \d(?: \d{1,2}[bB])?)"
    # the variant after it ("Llama 3.1 70B Instruct", "Nemotron 3 Nano")
    rb"(?: (?:Instruct|Chat|Base|Nano|Super|Ultra)(?![\w-]))?"
    # not a number written with thousands separators ("nemotron 1,048,576" is a context length)
    rb"(?!\w|\.\d|,\d{3})"
)
# After "Phi 3" or "Phi 3.5" written with a space: the variant and the size ("Phi 3 Mini", "Phi 4 14B").
_PHI_TAIL = re.compile(
    rb"(?: (?:[Mm]ini|[Mm]edium|[Ss]mall|[Vv]ision|MoE)(?!\w))?(?: \d{1,2}(?:\.\d)?[bB](?![\w.]))?"
)
# The distilled model after "DeepSeek R1": its base family, version and size, or its size alone
# ("DeepSeek R1 Distill 70B": one distill has that size)
_DISTILL_TAIL = re.compile(
    rb" Distill (?:(?:Llama|Qwen)(?: ?\d{1,2}(?:\.\d)?)?(?: \d{1,3}(?:\.\d)?[bB])?|\d{1,3}(?:\.\d)?[bB])"
    rb"(?![\w.])",
    re.I,
)
_RELEASE_DATE = re.compile(rb" (?:0[1-9]|1[0-2])[0-3]\d(?![\w.])")
# Prose size after a name whose version is written on it: "Llama3.1 8B", "Qwen2.5 7B", "Qwen3 (14B)".
_PROSE_SIZE = re.compile(rb" (?:\d{1,3}(?:\.\d)?[bBmM]|\(\d{1,3}(?:\.\d)?[bBmM]\))(?!\w|\.\d)")
# A version written on the name, maybe with a word after it: Qwen2.5, Llama-3, Qwen2.5-Coder.
_SQUASHED_VERSION = re.compile(rb"[A-Za-z]-?\d{1,2}(?:\.\d{1,2})?(?:-[A-Za-z]{2,8})?$")
_DIGIT_OR_SLASH = re.compile(rb"[0-9/]")
# A Mistral line written with a hyphen takes a prose size as a version does ("Mistral-Small 22B").
_MISTRAL_LINE = re.compile(rb"(?i:mistral)-(?i:small|nemo|large|medium|tiny)$")
_TERMINAL_COLOUR = re.compile(rb"\d{1,2}(?:;\d{1,2})*m")
# A one-word name that ends in its family word ("CodeLlama", "CodeGemma") takes a prose version or size
# as the family word alone does ("CodeLlama 7b"); Ollama, the tool, never does.
_NAME_WORD = re.compile(rb"(?!ollama)(?:meta-)?[A-Za-z]+", re.IGNORECASE)  # "Meta-Llama 3.1 70B" too
# A token shape() receives with the Ollama context expand() found in front of it.
_OLLAMA_LEAD = re.compile(
    r"^(?:ollama\s+(?:pull|run)\s+|from\s+|\w*ollama(?:\.\w+|\w*)\([^\"']*[\"']|"
    r"\w*ollama\w*model\w*[\"']?\s*[=:]\s*[\"']?|-\s+[\"']?|[\"']model[\"']\s*:\s*[\"'])",
    re.I,
)
_BARE_TAG = re.compile(r"^[a-z][a-z0-9.-]*(?::[\w.-]+)?$", re.IGNORECASE)
_TRAILING = ".:-_/@+"
# Hub URLs name a repo; a bare `hf.co/user/repo:quant` (no scheme) is how Ollama pulls from the Hub.
_URL_HOSTS = re.compile(
    r"^(?:https?://(?:www\.|api-inference\.)?(?:huggingface\.co|hf\.co)|huggingface\.co)/(?:models/)?", re.I
)
# The Hub's own sections (huggingface.co/blog/falcon3, /papers/..., /spaces/org/demo): pages, not models
_HUB_PAGES = frozenset(
    {
        "blog",
        "papers",
        "docs",
        "spaces",
        "datasets",
        "learn",
        "collections",
        "posts",
        "tasks",
        "organizations",
    }
)
_LLAMAFILE = ".llamafile"  # a GGUF file inside an executable, named like the GGUF file
# `MODEL_NAME:-` of `${MODEL_NAME:-org/name}`, and a script's argument (`${1:-org/name}`)
_SHELL_DEFAULT = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]*|\d):[-=]")
# the variable of a shell or compose default, `${NAME-default}` or `${NAME:-default}`, before the keyword
_SHELL_VARIABLE = re.compile(rb"(?:[A-Za-z_][A-Za-z0-9_]*|\d):?[-=]")
# dotted identifiers: module paths and attributes (models.llama4.args, X.from_pretrained), not names
_MODULE_PATH = re.compile(
    r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?::\w+)?$|^[a-z_][a-z0-9_]*:(?:entrypoint|app|application|deployment|main)$"
)
_FAMILY = re.compile("|".join(_STRONG), re.IGNORECASE)
_ANY_URL = re.compile(
    r"^(?:[a-z+]+:)?//|^(?:www\.)|^[\w-]+(?:\.[\w-]+)*\.(?:com|org|io|ai|net|dev|co|in|sh)/", re.I
)
_CODE_FILE = re.compile(
    r"\.(?:py|pyc|ipynb|md|rst|txt|json|jsonl|yaml|yml|toml|js|ts|tsx|jsx|sh|go|rs|c|h|cpp|cc|hpp|hh|hxx|cu|cuh|mm|"
    r"java|html|"
    r"css|lock|cfg|ini|png|jpe?g|svg|gif|pdf|zip|tar|gz|csv|tsv|parquet|log|patch|diff|rb|swift|kt|jar|cs|"
    # tokenizer files (gemma3_cleaned_262144_v2.spiece.model) and chat templates name no model
    r"model|spm|tiktoken|vocab|jinja|j2|ya?ml-template|_text_document|"
    # libraries, installers and release archives (`libllama.so.0`, `Llama-Unreal-UE5.4-v0.9.7z`)
    r"so(?:\.\d+)*|dylib|dll|exe|7z|rar|whl|dmg|apk|aar|deb|rpm|"
    # media (`assets/winamp-llama.mp3`: its `mp3` had read as Llama 3)
    r"mp3|mp4|m4a|wav|ogg|flac|webm|webp|mov|avi|mkv|ico|bmp|tiff?)$",
    re.IGNORECASE,
)

_HAS_DIGIT = re.compile(r"\d")
# Base64 and hashes (certificates, wheel RECORD files) switch case at random, model ids at word starts only:
# a keyword inside "yyHFG9d0QwEN_9MVrn8x" is chance, not a name.
_CASE_SWITCH = re.compile(r"[a-z][A-Z]")
_RANDOM_SWITCHES = 5
# A name that carries the machine it runs on names a deployment, endpoint or experiment of a model, not a
# model id: a cloud instance type (llama-2-7b-g5xlarge, ...-g5.2xlarge-tgi) or an accelerator as one of its
# dash-separated words (KubeAI, Helm values: llama-3.1-8b-instruct-l4, gemma2-2b-cpu, ...-gh200-fp8).
_HARDWARE = re.compile(
    r"(?:^|[-_.])(?:ml[.-])?[a-z]{1,3}\d[a-z]{0,2}[.-]?\d{0,2}x(?:large|l)(?:$|[-_.])|"
    # a cloud region (`...-useast1`, `..._us-east-1`)
    r"[-_](?:us|eu|ap|sa|ca|me|af)-?(?:east|west|north|south|central|northeast|southeast)-?\d(?=$|[-_])|"
    r"[-_](?:\d*x)?(?:l4|t4|l40s?|a10g?|a100|h100|h200|gh200|b200|v100|rtx\d{4}|mi\d{3}x?|tpu(?:-?v\d+\w*)?|"
    r"v5e|v6e|cpu|gpu|gaudi\d?|hpu|xpu|npu|inf2|trn[12])(?=$|[-_])",
    re.I,
)
# Words that end (or begin) the names of deployments, services, runtimes and endpoints, never a model's.
_RESOURCE_WORD = re.compile(
    r"[-_](?:endpoint|svc|service|deployment|job|pod|pvc|ingress|secret|configmap|route|hpa|cache|pool|train|"
    r"training|key|rt|lb|router|inferencepool|config|vllm|sglang|tgi|trtllm|runs)$|"
    # a test's made-up credential (`deepseek-key-456`)
    r"[-_](?:key|token|secret)[-_]\d+$|"
    # a pod's ordinal (`stable-diffusion-worker-0`)
    r"[-_](?:worker|head|replica)-\d+$|"
    # a serving runtime's revision (`llama-chat-router-00001`)
    r"[-_](?:router|engine|predictor)-\d{5}$|"
    # and words that begin them: SGLang runtimes, KAITO workspaces, llmaz playgrounds and services
    r"^(?:srt|workspace|playground|service|svc|tuning|lmi)[-_]|"
    # a translation key for a model's display name or text (`i18n:llama3_8b_name`, `mixtral_8x7b_description`)
    r"^i18n:|[-_](?:name|description|desc|title|label|tooltip|placeholder)$|"
    # a user's own alias or deployment of a model (`my-llama-3.1-8b`, `deploy-llama-3-70b`), and a
    # project's key for one provider's copy of it (`groq-llama70b`, `or-gemma27b` for OpenRouter)
    r"^(?:my|deploy|groq|or|openrouter)-(?=[a-z])",
    re.I,
)
# A Kubernetes object written as kind/name, as kubectl takes and prints it (`deployment/llama-3-8b`).
_KUBE_KIND = re.compile(
    r"^(?:jobs?|pods?|deploy(?:ments?)?|svc|services?|statefulsets?|sts|daemonsets?|configmaps?|secrets?|pvc|"
    r"isvc|inferenceservices?|llmisvc|llminferenceservices?|inferencepools?|nimcaches?|nimservices?)/",
    re.I,
)
# An org and a model name joined by a dash where the id has a slash. Hub names that start with their org
# word (Meta-Llama-3-8B) keep the dash before the version, so only the org-prefixed forms are matched.
_ORG_GLUED = re.compile(
    r"^(?:meta-llama\d|meta-llama-(?:llama|meta)|mistralai-|google-(?!-)|qwen-qwen|deepseek-ai-|tiiuae-|"
    r"microsoft-phi|nvidia-llama)"
)
# Model URIs of serving operators: `hf://org/name[/file]` names a Hub repo, `ollama://tag` an Ollama tag.
# ... and node-llama-cpp's `hf:org/name/file` (no slashes after the colon)
_HUB_SCHEME = re.compile(r"^(?:hf|huggingface)://|^hf:(?=[\w-]+/[\w.-]+/)", re.I)
_OLLAMA_SCHEME = re.compile(r"^ollama://", re.I)
_AT_SERVER = re.compile(r"@[\w.-]+(?::\d{2,5})?$")
_AT_SERVER_URL = re.compile(r"@https?://[\w.-]+(?::\d{2,5})?/?$")
# NVIDIA NIM containers are named after the model they serve: nvcr.io/nim/meta/llama3-8b-instruct:1.0.0
# Kaggle model handles (kagglehub.model_download): owner/model/framework/variation[/version].
_KAGGLE = re.compile(
    # a handle (owner/model/framework/variation[/version]), or where a notebook mounts it
    # (`/kaggle/input/model/framework/variation/version[/folder]`)
    r"^(?:kaggle/input|[\w-]+)/([\w.-]+)/(?:keras|transformers|pytorch|jax|flax|tensorflow\d?|tflite|gemmacpp|"
    r"gguf)/([\w.-]+)(?:/\d+(?:/[\w.-]+)?)?$",
    re.I,
)
# Model pages of other hubs name their model: kaggle.com/models/owner/model[/framework[/variation]] and
# modelscope.cn/models/org/name (a ModelScope org, such as LLM-Research, is not the Hugging Face one).
_MODEL_HUB_URL = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:(kaggle)\.com|modelscope\.(?:cn|ai))/models/([\w-]+/[\w.-]+(?:/[\w.-]+)*)",
    re.I,
)
# A provider written before a colon (`mistral:mistral-large-latest`, `ollama:qwen3`, `bedrock:meta.x`), as
# pydantic-ai and similar clients spell it, maybe behind a gateway (`gateway/bedrock:...`): the client
# prefix of that provider, or none when the provider has no kind of its own.
_PROVIDER_COLON = re.compile(
    r"^(?:[\w-]+/)?(mistral|ollama|bedrock|groq|together|fireworks|openrouter|huggingface|azure|vertex|"
    r"google-vertex|google-gla|openai|deepseek|cerebras|nebius|litellm|heroku|ovhcloud|moonshotai|grok|"
    r"mistralai|vllm|vllm_openai|hosted_vllm|lm_studio|dashscope):"
    r"(?=[A-Za-z])"
    # rust-genai and its kin write a namespace with two colons (`ollama_cloud::gemma3:4b`, `groq::...`)
    r"|^([a-z][a-z0-9_]*)::(?=[A-Za-z])",
    re.I,
)
# Bedrock's DeepSeek ids are the vendor and the model's version alone (`deepseek.r1`, `us.deepseek.v3`).
_BEDROCK_SHORT = re.compile(r"^(?:(?:us|eu|apac|global)\.)?deepseek\.(?:r1|v3)(?:-v\d+:\d+)?$", re.I)
# Digits that carry no version or size: a quantisation marker (`-q4_0`, `.Q4_K_M`), the GGUF format
# version (`.gguf2`) and the GPT4All product name (`gpt4all-falcon-q4_0.gguf` names no Falcon version).
_NO_VERSION_DIGITS = re.compile(
    r"gpt4all|[-_.](?:i?q\d(?:_[a-z0-9]{1,3})*|[bf]?f(?:16|32)|gguf\d?)(?=[-_.]|$)", re.I
)
_AZUREML = re.compile(r"^azureml://registries/[\w.-]+/models/([\w.-]+)", re.I)
_BEDROCK_ARN = re.compile(
    r"^arn:aws[\w-]*:bedrock:[\w-]*:\d*:(?:foundation-model|inference-profile|provisioned-model)/", re.I
)
_NIM_IMAGE = re.compile(r"^nvcr\.io/nim/(?=[\w.-]+/[\w.-]+)", re.I)
# A container image's tag: a CUDA / ROCm / platform build, `latest` or a dotted version (`qwenllm/qwen:cu121`,
# `org/x:2.1.0-devel`). A model's tag is a size or a quantisation (`qwen:7b`, `repo-GGUF:Q4_K_M`).
_IMAGE_TAG = re.compile(
    r"^[\w.-]+/[\w.-]+:(?:(?:[\w.]*-)?(?:cu(?:da)?\d|rocm)|cpu|gpu|latest\b|v?\d+(?:\.\d+)+|"
    r"[\w.-]*-(?:devel|runtime|cudnn))",
    re.I,
)
# `user/hermes-2-theta-llama-3-8b:latest`: an Ollama tag of a user's model, not an image, when its name
# has a size (images are named after programs: `vllm/vllm-openai:latest`)
_SIZED_LATEST = re.compile(r"[-_.]\d+(?:\.\d+)?b[-_.][^/:]*:latest$|[-_.]\d+(?:\.\d+)?b:latest$", re.I)
# A value to replace with one's own (`your-deepseek-r1-endpoint-here`, `<your-llama-key>`)
# A torchtune model builder (`_component_: torchtune.models.llama3_2.lora_llama3_2_1b`): a builder with a size
# (or Phi's size word) builds that model to load its weights into, so it names the model; a tokenizer or
# other builder without one (`torchtune.models.llama3.llama3_tokenizer`) names none.
# A torchtune recipe config (`tune run lora_finetune_single_device --config llama3/8B_lora_single_device`):
# a file of settings named after a model, not a model.
_RECIPE_CONFIG = re.compile(
    r"^[\w.]+/[\w.]*?(?:^|_)(?:full|lora|qlora|dpo|ppo|grpo|kd|single_device|distributed|low_memory|async)(?:_\w*)?$"
)
# A data file of a training split named after the model it trains (`pairwise/llama3_dpo_train_chosen_doc`).
_DATA_SPLIT = re.compile(r"/[\w.]*?(?:^|_)(?:train|test|val|valid|validation)(?:_\w*)?$")
_TORCHTUNE_BUILDER = re.compile(r"^torchtune\.models\.\w+\.((?:q?lora_)?[a-z0-9_]+)$")
_BUILDER_SIZE = re.compile(r"(?:^|_)(?:\d+(?:_\d+)?b|mini|small|medium)(?:_|$)")
# A Hub id routed to an inference provider, as Hugging Face's router takes it (`org/name:provider`, or a
# policy: `:fastest`, `:cheapest`; lighteval's `:all`).
_ROUTED = re.compile(
    r"^((?:hf-inference-providers/|huggingface/)?[\w.-]+/[\w.-]+):(?:fireworks-ai|together|nebius|novita|sambanova|hyperbolic|cerebras|groq|"
    r"featherless-ai|fal-ai|replicate|hf-inference|cohere|nscale|scaleway|publicai|zai-org|fastest|cheapest|"
    r"preferred|all)$",
    re.I,
)
# A tutorial's number in front of a name (`01-Qwen3.5-4B` in a heading): not part of the name.
_LIST_NUMBER = re.compile(r"^\d{1,2}[-_.](?=[A-Za-z])")
# The code a config's `auto_map` loads from a repository: `repo--module.Class` after the repository's id.
_AUTO_MAP_CLASS = re.compile(r"--[a-z_]\w*\.[A-Z]\w*$")
# An e-mail address (`bam4d@mistral.ai` in a package's authors): a person, not a model.
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
# An archive of a model's weights, named after it (Mistral's `mistral-7B-Instruct-v0.3.tar`, downloaded and
# unpacked into a model folder): reported as written; resolution reads it without the extension.
_WEIGHTS_ARCHIVE = re.compile(r"\.(?:tar|tar\.gz|tgz|zip)$", re.I)
# Files a model folder holds (weights, tokenizer, configuration): a path to one names the folder's model
# (`/tmp/Llama-3.2-1B-Instruct/original/tokenizer.model`, `./mistral-nemo-12b/tekken.json`).
_MODEL_FOLDER_FILE = re.compile(
    r"^(?:tokenizer(?:_config)?\.(?:model|json)(?:\.v\d+)?|tekken\.json|vocab\.json|merges\.txt|params\.json|"
    r"(?:generation_)?config\.json|consolidated\.\d+\.pth|[\w.-]*\.(?:safetensors|pth|bin|pt)|"
    # or a folder of one quantisation of it (ExLlamaV2's `mistral-7b-exl2/4.0bpw`)
    r"\d(?:\.\d+)?bpw|\d+bit|int[248]|gptq|awq|exl2)$",
    re.I,
)
_DATE_WORD = re.compile(r"(?<![0-9])2[3-9](?:0[1-9]|1[0-2])(?![0-9])")  # YYMM of a Mistral release (2407)
_PHI_SIZE = re.compile(r"[-_](?:mini|small|medium)(?:[-_]|$)", re.I)  # Phi's sizes are words
# A size (`8B`, `0.5b`, `8x7b`, `270m`) as one of a folder name's words: that folder is one model's.
_SIZE_WORD = re.compile(r"(?<![a-z0-9])(?:\d+x)?\d+(?:\.\d+)?[bm](?![a-z])", re.I)
_PLACEHOLDER = re.compile(
    r"^<?your[-_]|[-_](?:api[-_]?key|endpoint|token|secret)[-_]here\b|[-_]here>?$", re.I
)
# Models whose own name has no digit and is no family word alone: Stability's SDXL and its Turbo models
# ("we generate with SDXL", `model: sdxl-turbo`).
# Words that continue a name written with a space into a model of its own (and licence): "SDXL Turbo",
# "Stable Diffusion XL", "Stable Diffusion XL Turbo".
_NAME_TAILS = {
    b"SDXL": re.compile(rb"(?: Turbo(?!\w))?"),
    b"Stable Diffusion": re.compile(rb"(?: XL(?: Turbo)?(?!\w))?"),
}
# Bare, only as written in capitals (a lower-case `sdxl` is as often a folder, a tag or a pipeline's type).
_NAMED_WITHOUT_DIGIT = frozenset(
    {
        "SDXL",
        "SDXL Turbo",
        "SDXL-Turbo",
        "sdxl-turbo",
        "sd-turbo",
        "SD-Turbo",
        "Stable Diffusion XL",
        "Stable Diffusion XL Turbo",
    }
)
_REPLICATE_VERSION = re.compile(r":[0-9a-f]{64}$")
_HUB_REVISION = re.compile(r"@(?:main|master|v\d[\w.]*|[0-9a-f]{7,40})$")
# A date and a time of day at the end (a training run's folder); a release date alone has at most 8 digits.
_RUN_STAMP = re.compile(r"[-_]20\d{8,12}$")
# A second version after a slash, with no name of its own ("SD3/3.5").
_VERSION_ALTERNATIVE = re.compile(r"/v?\d{1,2}(?:\.\d{1,2}|\.x)?$")
# The weights' precision or the tier a provider serves a Hub id at, written as a third path part (`/fp-8`,
# `/bf16`, PPIO's `/community`).
_PRECISION_SEGMENT = re.compile(r"/(?:fp-?(?:8|16|32)|bf-?16|int-?[48]|community)$", re.I)
# A shard after the first of a split GGUF file set: the set is one model, named by its first shard.
_LATER_SHARD = re.compile(r"-(?!0*1-)\d{5}-of-\d{5}\.gguf$", re.I)


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """A name cut out of a file: where it starts and ends (byte offsets), its text and kind."""

    start: int
    end: int
    text: str
    kind: str
    strong: bool


def anchors(kb: KnowledgeBase | None = None) -> tuple[Anchor, ...]:
    """The pattern set: built-in family keywords, weak org prefixes, and catalogue orgs and aliases."""
    strong = [*_STRONG, *_CAPITALISED_ONLY]
    weak = list(_WEAK_ORGS)
    if kb is not None:
        weak += _catalogue_literals(kb, strong + weak)
    out: list[Anchor] = []
    seen: set[str] = set()
    for regex, is_strong in [*((r, True) for r in strong), *((r, False) for r in weak)]:
        if regex not in seen:
            seen.add(regex)
            out.append(Anchor(id=len(out), regex=regex, strong=is_strong))
    return tuple(out)


def _catalogue_literals(kb: KnowledgeBase, known: list[str]) -> list[str]:
    """Organisations of catalogue ids, and aliases no built-in anchor would find."""
    compiled = [re.compile(r) for r in known]
    extra: list[str] = []
    for model in kb.models.values():
        if "/" in model.id:
            extra.append(re.escape(model.id.split("/", 1)[0].lower() + "/"))
        for name in (model.id, *model.aliases):
            low = name.lower()
            if len(low) >= 6 and not any(c.search(low) for c in compiled):
                extra.append(re.escape(low))
    return sorted(set(extra))


def expand(data: bytes, start: int, end: int) -> tuple[int, int]:
    """Grow the keyword hit [start, end) to the whole id-like token around it; empty when its context
    says it names no model."""
    lo, hi, at = token_at(data, start, end)
    if lo != hi and contexts.not_a_model(data, at, hi):
        return at, at  # nothing: shape() drops an empty token
    return lo, hi


def token_at(data: bytes, start: int, end: int) -> tuple[int, int, int]:
    """The id-like token around the keyword hit [start, end), before its context is checked:
    (lo, hi, at), where ``at`` is where the token itself starts for ``contexts.not_a_model(data, at,
    hi)`` (``lo`` may sit earlier, on an Ollama command or a KerasHub call that shape() reads). The
    text scanner checks the context only for tokens it keeps: most hits name nothing."""
    window = data[max(0, start - _MAX_LEFT) : start][::-1]  # `re` cannot search backwards
    lo = start - _ID_RUN.match(window).end()  # type: ignore[union-attr]  # `*` always matches
    hi = _ID_RUN.match(data, end).end()  # type: ignore[union-attr]
    if data[lo - 1 : lo] == b"%":  # `repository=Org%2FName` in a URL's query: a web page's address
        return lo, lo, lo
    if data[lo - 1 : lo] == b"\\" and data[lo : lo + 1] in (b"n", b"t", b"r") and lo < start:
        lo += 1  # an escape in a JSON or code string (`"...\nMistral-7B-Instruct"`) is no part of the name
    if data[lo - 1 : lo] == b"[" and lo < start and (colour := _TERMINAL_COLOUR.match(data, lo, start)):
        lo = colour.end()  # a terminal colour code before the name (`\033[1mllama3.2:1b`) is no part of it
    if data[lo - 2 : lo] == b"${":  # `${LLM-llama2}`, `${MODEL:-org/name}`: the variable's default
        default = _SHELL_VARIABLE.match(data, lo, start)
        if default:
            lo = default.end()
    if data.find(b"/", lo, hi) >= 0:
        lo, hi = _list_item(data, lo, hi, start)
    # Prose spelling: "Llama 3.1", "Llama 3.2 11B", "Gemma 2"; "Llama3.1 8B". Read before the context
    # rules, which tell a sized name from a bare one (`"name": "Llama 3.3 70B"` names a model).
    if data[end - 2 : end - 1] == b" " and data[start:end].lower().startswith(b"phi"):
        hi = _PHI_TAIL.match(data, hi).end()  # type: ignore[union-attr]  # all optional: always matches
    elif hi - lo == end - start or (hi == end and _NAME_WORD.fullmatch(data, lo, hi)):
        match = _PROSE_VERSION.match(data, hi)
        if match:
            if data[max(0, lo - 8) : lo].lower() == b"distill ":
                return lo, lo, lo  # "DeepSeek R1 Distill Qwen 7B": the base of the distill named before it
            hi = match.end()
            distill = _DISTILL_TAIL.match(data, hi)
            if distill:  # "DeepSeek R1 Distill Llama 3.3 70B" is the distill, under its base's licence
                hi = distill.end()
            if data[max(0, lo - 5) : lo].lower() == b"code ":
                lo -= 5  # "Code Llama 7B": Meta's code models, not a Llama 1 size
    elif _SQUASHED_VERSION.search(data, max(lo, hi - 16), hi) or _MISTRAL_LINE.search(
        data, max(lo, hi - 16), hi
    ):
        match = _PROSE_SIZE.match(data, hi)
        if match:
            hi = match.end()
        elif data[lo : lo + 8].lower() == b"deepseek" and (date := _RELEASE_DATE.match(data, hi)):
            hi = date.end()  # "DeepSeek-V3 0324": a release of its own (and licence), by month and day
    tail = _NAME_TAILS.get(data[lo:hi])
    if tail is not None:
        hi = tail.match(data, hi).end()  # type: ignore[union-attr]  # all optional: always matches
    at = lo
    if lo == start and not _DIGIT_OR_SLASH.search(data, lo, hi):  # a tag starts with its family word
        lo = contexts.ollama_lead(data, lo)  # a bare tag (`mistral`) counts only where Ollama runs it
    elif data[lo - 1 : lo] in (b'"', b"'") and data.endswith(b"from_preset(", max(0, lo - 13), lo - 1):
        lo -= 13  # a KerasHub preset (`from_preset("gemma2_2b_en")`): shape() reads it as a model name
    return lo, hi, at


def _list_item(data: bytes, lo: int, hi: int, start: int) -> tuple[int, int]:
    """The item holding ``start`` when the token is a slash-joined list of names (``Qwen-1.8B/Qwen-7B``):
    every part has a family word and a digit, which an org (``Qwen/``), a folder (``models/``) or a
    host never has. A path to a file (``llama-2-7b/llama-2-7b.Q4_0.gguf``) is not a list."""
    token = data[lo:hi].decode("ascii", "replace")
    parts = token.split("/")
    if token.startswith((".", "/")) or _CODE_FILE.search(token) or _weights_file(token):
        return lo, hi
    if any(not (_FAMILY.search(p) and _HAS_DIGIT.search(p)) for p in parts):
        return lo, hi
    at = lo
    for part in parts:
        if at <= start < at + len(part):
            return at, at + len(part)
        at += len(part) + 1
    return lo, hi


def shape(raw: str, *, strong: bool) -> tuple[str, str] | None:
    """Clean a token and classify it: (text, kind), or None when it names no model."""
    if raw.startswith("__") and raw.endswith("__") and "-" in raw:
        raw = raw[2:-2]  # Markdown bold (`__mixtral-8x7b-32768__`): a dunder name never holds a hyphen
    if _PLACEHOLDER.search(raw):
        return None  # `your-azure-deepseek-r1-api-key-here`: where a user puts a key or an endpoint
    if _EMAIL.match(raw.strip("'\"`<>")):
        return None
    lead = _OLLAMA_LEAD.match(raw)
    if lead:
        return _ollama_tag(raw[lead.end() :].strip("'\"`").rstrip(_TRAILING))
    if raw.startswith("from_preset("):
        preset = raw[13:].rstrip(_TRAILING)  # snake case, as presets are spelt: not an identifier here
        return (preset, kinds.MODEL_NAME) if _HAS_DIGIT.search(preset) and _FAMILY.search(preset) else None
    text = raw.rstrip(_TRAILING).lstrip(".:-/+").strip("'\"`")
    numbered = _LIST_NUMBER.match(text)
    if numbered and "/" not in text:
        text = text[numbered.end() :]  # a tutorial's number before the name (`# 01-Qwen3.5-4B vLLM`)
    if text.lower().endswith(_LLAMAFILE + ".exe"):
        text = text[:-4]  # a llamafile renamed to run on Windows is the same file
    default = _SHELL_DEFAULT.match(text)
    if default:
        text = text[default.end() :]  # `${MODEL_NAME:-Qwen/Qwen2.5-1.5B-Instruct}`: the variable's default
    auto_map = _AUTO_MAP_CLASS.search(text)
    if auto_map and "/" in text[: auto_map.start()]:
        text = text[: auto_map.start()]  # `org/name--modeling_x.XForCausalLM`: a config's auto_map class
    if not text:
        return None
    provider = _PROVIDER_COLON.match(text)
    if provider and "/" in text[provider.end() :] and not _FAMILY.search(text, provider.end()):
        return None  # `mistralai:nomic-ai/nomic-embed-text-v1.5`: a provider's model of no family
    if provider and _FAMILY.search(text, provider.end()):  # not `deepseek:r1-671b`, an OpenLLM tag
        text = text[provider.end() :]
        kind = kinds.prefix_kind(f"{provider.group(1) or provider.group(2)}/{text}")
        if kind is not None and not _HAS_DIGIT.search(text):
            return (text, kind) if kind == kinds.OLLAMA_TAG and _FAMILY.search(text) else None
    server = _AT_SERVER_URL.search(text)
    if server and server.start() > 0:
        text = text[: server.start()]  # a model and the server that runs it (`llama-3.2-3b@http://host:8000`)
    hub = _MODEL_HUB_URL.match(text)
    if hub:  # Kaggle: owner/model/framework/variation, as a handle; ModelScope: org/name, as on the Hub
        text = hub.group(2)
        if hub.group(1) and text.count("/") == 2:
            text = text.rsplit("/", 1)[0]  # owner/model/framework: the model, whatever its framework
        elif not hub.group(1):
            text = "/".join(text.split("/")[:2])  # a ModelScope page's tab (`/summary`, `/files`)
    kaggle = _KAGGLE.match(text)
    if kaggle:  # owner/model/framework/variation[/version]: the variation names the model, or adds to it
        model, variation = kaggle.groups()
        if _FAMILY.search(variation):
            return (variation, kinds.MODEL_NAME) if _HAS_DIGIT.search(variation) else None
        text = f"{model}-{variation}"
    if raw.startswith(("/", "./", "../")) and "/" in text and "models--" not in text.lower():
        text = _path_tail("/" + text, org=False) or ""  # a file-system path: the folder is the name
        if not text:
            return None
    if _OLLAMA_SCHEME.match(text):
        # the server after `@` (`ollama://llama3:70b@10.1.65.4:11434`) is where the tag runs, not part of it
        return _ollama_tag(_AT_SERVER.sub("", text[len("ollama://") :]))
    azureml = _AZUREML.match(text)
    if azureml:
        return azureml.group(1), kinds.AZURE_ID  # a model of an Azure ML registry, by its catalogue name
    arn = _BEDROCK_ARN.match(text)
    if arn and len(text) > arn.end():
        return text[arn.end() :], kinds.BEDROCK_ID  # the model or inference profile the ARN points to
    nim = _NIM_IMAGE.match(text)
    if nim:
        text = text[nim.end() :].split(":", 1)[0]  # org/name; the tag is the container's version
    scheme = _HUB_SCHEME.match(text)
    if scheme:
        parts = text[scheme.end() :].split("/")
        if len(parts) < 2:
            return None
        if _weights_file(parts[-1]):
            return _gguf(parts[-1])  # the file, as a path to it is read: it names the quantisation
        text = "/".join(parts[:2])  # the repo
    url = _URL_HOSTS.match(text)
    if url:
        parts = text[url.end() :].split("/")
        if len(parts) < 2 or parts[0].lower() in _HUB_PAGES:
            return None
        text = "/".join(parts[:2])
    elif _ANY_URL.search(text) and kinds.prefix_kind(text) is None:
        if _weights_file(text):
            return _gguf(text.rsplit("/", 1)[-1])  # a download URL of a GGUF file names that file
        return _weights_archive(text.rsplit("/", 1)[-1])  # a web page about a model is not a model
    cache = text.lower().find("models--")
    if cache == 0 or (cache > 0 and text[cache - 1] == "/"):
        return _hf_cache(
            text[cache:]
        )  # a cache folder, or a path through one (~/.cache/.../models--o--n/...)
    routed = _ROUTED.match(text)
    if routed:
        text = routed.group(1)  # `openai/gpt-oss-20b:fireworks-ai`: the Hub id, served by that provider
    kind = kinds.prefix_kind(text)
    body = text.split("/", 1)[1] if kind else text
    if _BEDROCK_SHORT.match(text):
        return text, kinds.BEDROCK_ID  # `deepseek.r1`: a Bedrock id, though it reads like a module path
    if "_" in text and (_RECIPE_CONFIG.match(text) or _DATA_SPLIT.search(text)):
        return None
    builder = _TORCHTUNE_BUILDER.match(text)
    if builder:
        name = builder.group(1)
        return (name, kinds.MODEL_NAME) if _BUILDER_SIZE.search(name) and is_versioned(name) else None
    if _MODULE_PATH.match(text) and not _weights_file(text):  # em_german_mistral_v01.Q4_0.gguf
        last = text.rsplit(".", 1)[-1]
        # the model a registry or a builder module holds (`LLMRegistry.qwen3_8b_4bit`,
        # `torchtune.models.llama3.llama3_8b`); any other dotted path is code
        return (last, kinds.MODEL_NAME) if is_snake_model(last) else None
    revision = _HUB_REVISION.search(text)
    if revision and text.count("/") == 1:
        text = text[: revision.start()]  # `org/name@main`, `org/name@v1.0`: a revision of that repository
    replicate = _REPLICATE_VERSION.search(text)
    if replicate and _HAS_DIGIT.search(text, 0, replicate.start()):
        # Replicate's `owner/model:<sha256>`: one version of that model (a name without a version of its
        # own keeps the hash, which says which build it is)
        text = text[: replicate.start()]
    alternative = _VERSION_ALTERNATIVE.search(text)
    if alternative and text.count("/") == 1 and _HAS_DIGIT.search(text, 0, alternative.start()):
        # "SD3/3.5", "Llama-3/3.1": the name, then another version of it (`deepseek/v3` is one name: a
        # tool's tag of the family's version, as `deepseek/r1`)
        text = text[: alternative.start()]
    precision = _PRECISION_SEGMENT.search(text)
    if precision and text.count("/") == 2:
        text = body = text[: precision.start()]  # inference.net's `org/name/fp-8`: the model at a precision
    # a path (`/models/llama3/checkpoints`), not a cloud id rooted in its service nor a model written as a
    # path of its parts (`llama3.1/8b/instruct`)
    path = text.count("/") > 1 and not text.lower().startswith(_ROOTED) and not parts_as_path(text)
    if kind is None and path:
        tail = _path_tail(text)
        if tail is None:
            return None
        text = body = tail
    if _weights_file(text):
        return _gguf(text.rsplit("/", 1)[-1])
    if kind is None and _IMAGE_TAG.match(text) and not _SIZED_LATEST.search(text):
        return None  # a container image (`docker run qwenllm/qwen:cu121`), not a model
    if kind is None and text.count("/") == 1 and text.split("/", 1)[0].lower() in _LOCAL_DIRS:
        text = body = text.split("/", 1)[1]  # models/Llama-2-7b: a local folder, named after the model
    if _WEIGHTS_ARCHIVE.search(text) and "/" not in text:
        return _weights_archive(text)
    if _CODE_FILE.search(text) or is_decoy(body) or _HARDWARE.search(body) or _is_resource(body):
        return None
    if _RUN_STAMP.search(body):
        return None  # a run's output, stamped with its start time (`MT-llama2-linear_202309241345`)
    if len(_CASE_SWITCH.findall(text)) >= _RANDOM_SWITCHES:
        return None
    if (
        not _HAS_DIGIT.search(body)
        and "/" not in body
        and kind != kinds.OLLAMA_TAG
        and body not in _NAMED_WITHOUT_DIGIT
    ):
        return None  # a bare family word: the animal, `model_type: llama`, a package name (not `ollama/x`)
    return text, kind or kinds.of_shape(body)


def _gguf(name: str) -> tuple[str, str] | None:
    """A GGUF file's name as a reference, unless it is a decoy's (TinyLlama) or a later shard of a set.
    A llamafile (``Llama-3.2-1B-Instruct.Q4_K_M.llamafile``) is a GGUF file inside an executable."""
    llamafile = name.lower().endswith(_LLAMAFILE)
    stem = name[: -len(_LLAMAFILE)] if llamafile else name
    if is_decoy(stem) or _LATER_SHARD.search(name) or (llamafile and not is_versioned(stem)):
        return None
    return name, kinds.GGUF_FILE


def _weights_archive(name: str) -> tuple[str, str] | None:
    """An archive named after a sized or dated model (``mixtral-8x22B-v0.3.tar``), as written: resolution
    reads it without its extension, as it reads a GGUF file's. Any other archive (or page) names none."""
    archive = _WEIGHTS_ARCHIVE.search(name)
    if archive is None:
        return None
    stem = name[: archive.start()]
    if is_decoy(stem) or not is_versioned(stem) or not (_SIZE_WORD.search(stem) or _DATE_WORD.search(stem)):
        return None
    return name, kinds.MODEL_NAME


def _model_folder(parts: list[str]) -> str | None:
    """The model folder a path to one of its files goes through: the nearest folder above the file, past
    `original/` and the like, whose name has a family word and a size (`Meta-Llama-3.1-8B-Instruct`)."""
    if not _MODEL_FOLDER_FILE.match(parts[-1]):
        return None
    for depth, folder in enumerate(reversed(parts[:-1])):
        if not _FAMILY.search(folder):
            if depth < 3:
                continue  # `original/`, `original/mp8/`, a snapshot's hash
            return None
        # a size, or a dashed version (`phi-4`); `llama3_2` with no size is a code package
        sized = _SIZE_WORD.search(folder) or _PHI_SIZE.search(folder)
        named = sized or ("_" not in folder and is_versioned(folder))
        return folder if named and not is_decoy(folder) else None
    return None


def _weights_file(name: str) -> bool:
    """Whether ``name`` is a file of weights: a GGUF file, or a llamafile (GGUF inside an executable)."""
    return name.lower().endswith((".gguf", _LLAMAFILE))


def _is_resource(body: str) -> bool:
    """A Kubernetes object or cloud resource named after a model: a resource word at its end
    (``google--gemma-2-9b-it-endpoint``, ``llama-3-1-8b-svc``), or, lower case as such names must
    be, an org/name id with its slash turned into a dash (``meta-llama3-8b-instruct``)."""
    if "/" in body:
        return _KUBE_KIND.match(body) is not None  # kubectl's kind/name (`job/gpt-oss-20b-init-job`)
    return bool(_RESOURCE_WORD.search(body) or (body.islower() and _ORG_GLUED.match(body)))


def _ollama_tag(tag: str) -> tuple[str, str] | None:
    """A tag written where Ollama runs it (`ollama pull x`, `ollama://x`), unless it names no model."""
    return (tag, kinds.OLLAMA_TAG) if _BARE_TAG.match(tag) and not is_decoy(tag) else None


def is_versioned(text: str) -> bool:
    """True when a shaped name carries a version or size digit and a family word of its own.

    A family word alone names no model; nor does a name whose family word was only in a client prefix
    (``ollama/granite3.1-dense``, where the ``llama`` of ``ollama`` is what matched)."""
    kind = kinds.prefix_kind(text)
    body = _NO_VERSION_DIGITS.sub("", text.split("/", 1)[1] if kind else text)
    return bool(_HAS_DIGIT.search(body) and (_FAMILY.search(body) or _SD_NAME.search(body)))


def _hf_cache(text: str) -> tuple[str, str] | None:
    # a mount joins two paths with a colon (`-v .../models--o--n:/data/models--o--n`): the name ends there
    parts = text.split("/", 1)[0].split(":", 1)[0].split("--")
    if len(parts) < 3:
        return None
    return f"{parts[1]}/{'--'.join(parts[2:])}", kinds.HF_CACHE


def _path_tail(text: str, *, org: bool = True) -> str | None:
    """A path: its last segment, or org/name when the last two segments look like a repo id."""
    parts = [p for p in text.split("/") if p]
    if not parts:
        return None
    last = parts[-1]
    if _CODE_FILE.search(last) and not _weights_file(last):
        folder = _model_folder(parts)
        if folder is None:
            return None
        at = parts.index(folder)
        parts, last = parts[: at + 1], folder
    if not _FAMILY.search(last):
        # a weights file of no family's name (litgpt's `lit_model.pth`) names its model folder
        folder = _model_folder(parts)
        if folder is None:
            return None  # the model's name sits in a folder above (llama4/checkpoints): not a model id
        at = parts.index(folder)
        parts, last = parts[: at + 1], folder
    if not org:
        return last
    if len(parts) >= 2 and not parts[-2].startswith(".") and parts[-2].lower() not in _LOCAL_DIRS:
        return f"{parts[-2]}/{last}"
    return last


_ROOTED = ("@cf/", "accounts/", "publishers/")  # cloud ids whose first segments are not an org
_LOCAL_DIRS = frozenset(
    {"models", "model", "weights", "checkpoints", "data", "mnt", "tmp", "home", "opt", "hub"}
)
