"""Fine-tune recipe for models/acme-support-8b (LoRA, then merged)."""

from transformers import AutoModelForCausalLM, AutoTokenizer

BASE = "meta-llama/Llama-3.1-8B-Instruct"

tokenizer = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForCausalLM.from_pretrained(BASE)
# Earlier experiments with TinyLlama/TinyLlama-1.1B-Chat-v1.0 and openlm-research/open_llama_7b were dropped.
