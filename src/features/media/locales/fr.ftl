error-upload-empty = Choisissez un fichier.
error-upload-too-large = Ce fichier dépasse 8 Mo : réduisez-le ou choisissez-en un autre.
error-image-too-many-pixels = Cette image est trop grande (plus de 12 000 pixels de côté).
error-not-an-image = Ce fichier n’est pas une image JPEG, PNG ou WebP lisible.
error-not-an-image-or-pdf = Ce fichier n’est ni une image JPEG, PNG ou WebP lisible, ni un document PDF.
error-image-description-required = Décrivez l’image en une phrase pour les personnes qui ne la voient pas.
error-not-a-document = Ce fichier n’est ni une image JPEG, PNG ou WebP lisible, ni un document PDF, OpenDocument (odt, ods, odp) ou Office (docx, xlsx, pptx).
