"""Link-preview cards (og:image): a 1200×630 PNG per plan, per school and for the home page."""
