// Credits shown in the footer of every page (owner: web team, see weightclear.toml).
export default function Credits() {
  return (
    <section className="credits">
      <h2>Credits</h2>
      <p>
        Built with{" "}
        <a href="https://www.llama.com/">Llama</a>
      </p>
      <p>Order answers are reviewed by Acme support staff.</p>
    </section>
  );
}
