"""Nightly batch jobs on AWS Bedrock: tag tickets, translate replies."""

from __future__ import annotations

import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="eu-west-1")

TAGGER = "eu.meta.llama3-2-1b-instruct-v1:0"  # cross-region profile
TRANSLATOR = "meta.llama3-1-70b-instruct-v1:0"


def run(model_id: str, prompt: str) -> str:
    body = json.dumps({"prompt": prompt, "max_gen_len": 256})
    response = bedrock.invoke_model(modelId=model_id, body=body)
    return json.loads(response["body"].read())["generation"]


def tag(ticket: str) -> str:
    return run(TAGGER, f"Tag this ticket: {ticket}")


def translate(reply: str) -> str:
    return run(TRANSLATOR, f"Translate to German: {reply}")
