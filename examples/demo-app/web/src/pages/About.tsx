export default function About() {
  return (
    <main>
      <h1>About Acme Support</h1>
      <p>Acme Support answers questions about your orders, day and night.</p>
    </main>
  );
}
