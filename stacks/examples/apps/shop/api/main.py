"""Placeholder app of the jobs.yaml example: replace with your own."""
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
