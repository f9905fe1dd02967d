"""Archives generated in tests (D1): a JAR's ending on a PDF, a zip bomb, a zip slip."""

import io
import zipfile


def zip_bytes(members: dict, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP archive with these members (names kept as given, ``../`` and all)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


# The smallest JAR: what a PDF, a recording or a PNG must not end with.
JAR = zip_bytes(
    {
        "META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\r\nMain-Class: Hx\r\n",
        "Hx.class": b"\xca\xfe\xba\xbe" + bytes(60),
    }
)
