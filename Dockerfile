FROM python:3.11-slim

WORKDIR /app
RUN useradd --create-home --uid 10001 monitor
COPY pyproject.toml README.md ./
COPY monitor ./monitor
RUN pip install --no-cache-dir .
COPY config ./config
RUN mkdir -p /app/data && chown monitor /app/data
USER monitor
ENV MONITOR_CONFIG=/app/config
VOLUME ["/app/data"]
STOPSIGNAL SIGTERM
CMD ["monitor", "run"]
