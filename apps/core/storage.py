from whitenoise.storage import CompressedManifestStaticFilesStorage


class VendorTolerantManifestStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files that tolerate broken references in vendor CSS.

    krds-uiux 1.1.0 ships ``component.css`` pointing at ``img/img/…`` icons that do not
    exist; the strict storage would refuse to collect anything because of them. Such a
    reference is left as written (it 404s, as it does on KRDS's own CDN build).
    """

    manifest_strict = False

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if content is not None:
                raise
            return name
