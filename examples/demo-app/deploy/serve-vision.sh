#!/bin/sh
# Vision server for parcel photos (one A100).
set -eu
vllm serve meta-llama/Llama-3.2-11B-Vision-Instruct --max-model-len 4096 --enforce-eager
