"""The Flask front end: HTML pages, the JSON API, feeds and the admin page."""
