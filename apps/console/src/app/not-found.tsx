export default function NotFound() {
  return (
    <main className="center">
      <h1>Not found</h1>
      <p>There is nothing here, or nothing you may see.</p>
      <a href="/">Back to the console</a>
    </main>
  );
}
