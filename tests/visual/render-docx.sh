#!/bin/sh
# Renders sample DOCX documents to PNG pages for a visual check (see render-docx.ts).
set -e
cd "$(dirname "$0")/../.."
exec npx tsx tests/visual/render-docx.ts "$@"
