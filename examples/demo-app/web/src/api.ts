// Calls the Acme Support API; the edge fallback runs on Cloudflare Workers AI.
export const EDGE_MODEL = "@cf/meta/llama-3.1-8b-instruct";

export async function ask(question: string): Promise<string> {
  const res = await fetch("/answer", { method: "POST", body: JSON.stringify({ question }) });
  if (!res.ok) {
    // TODO: try openrouter meta-llama/llama-3.3-70b-instruct:free when the API is down
    return "";
  }
  return (await res.json()).answer;
}
