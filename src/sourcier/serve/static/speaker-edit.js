// The speaker page's corrections (rename, merge, split): each posts to the writing API with
// the token typed in the form, then reloads the page, or says what went wrong.
"use strict";
(function () {
  const form = document.getElementById("speaker-edit");
  if (!form) return;
  const id = form.dataset.speaker;
  const result = document.getElementById("edit-result");
  const requests = {
    rename: (f) => [`/api/speakers/${id}/rename`, { name: f.get("name") }],
    merge: (f) => ["/api/speakers/merge", { keep: Number(id), merge: Number(f.get("merge")) }],
    split: (f) => [`/api/speakers/${id}/split`, {
      articles: String(f.get("articles") || "").split(/\s+/).filter(Boolean),
      name: f.get("split_name") || null,
    }],
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const action = event.submitter ? event.submitter.value : "rename";
    const [url, body] = requests[action](fields);
    result.textContent = "…";
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${fields.get("token")}` },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      const answer = await response.json();
      window.location.assign(action === "merge" ? `/speakers/${answer.kept}` : window.location.pathname);
      return;
    }
    const problem = await response.json().catch(() => ({}));
    result.textContent = `${response.status}: ${typeof problem.detail === "string" ? problem.detail : "refused"}`;
  });
})();
