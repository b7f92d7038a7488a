error-upload-empty = Choose a file.
error-upload-too-large = This file is over 8 MB: make it smaller or choose another.
error-image-too-many-pixels = This picture is too large (over 12,000 pixels on a side).
error-not-an-image = This file is not a readable JPEG, PNG or WebP picture.
error-not-an-image-or-pdf = This file is neither a readable JPEG, PNG or WebP picture nor a PDF document.
error-image-description-required = Describe the picture in a sentence for people who cannot see it.
error-not-a-document = This file is neither a readable JPEG, PNG or WebP picture nor a PDF, OpenDocument (odt, ods, odp) or Office (docx, xlsx, pptx) document.
