"""R1xx: review currency and authorship (JAMA benchmarks "currency" and "authorship"; HONcode).

R101 missing-review-date, R102 stale-review, R103 future-review-date, R104 unparseable-date,
R105 missing-medical-reviewer, R106 reviewer-credential-missing, R107 missing-author.

Every rule here reads ``ctx.analysis.metadata`` (front matter keys and bylines, computed once
per article by :mod:`medlint.document.metadata`).  Findings about a date or a
reviewer point at that date or name; findings about something missing point at the title.
"""
