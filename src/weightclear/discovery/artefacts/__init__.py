"""Scanners for model artefacts: GGUF and safetensors headers, Hugging Face folders and cache, Ollama."""
